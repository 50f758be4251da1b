import { expect, test } from "@playwright/test";

import { apiBook, apiFollow, apiReader, apiShelve } from "./support/api";
import { logIn, uniqueName, useEnglish } from "./support/readers";

const BOOKS = 24;

test("a phone-sized feed: shelving many books is one item, and more loads on scrolling", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const reader = uniqueName("nora");
  const follower = uniqueName("pablo");
  const token = uniqueName("s");
  const readerHeaders = await apiReader(request, reader);
  const followerHeaders = await apiReader(request, follower);
  await apiFollow(request, followerHeaders, reader);

  // The reader adds many books to her to-read list in one go, then rates each one:
  // one grouped "added" activity and one "rated" activity per book (more than a feed page).
  const entries: number[] = [];
  for (let index = 1; index <= BOOKS; index += 1) {
    const book = await apiBook(request, readerHeaders, `Book ${index} ${token}`);
    entries.push(await apiShelve(request, readerHeaders, book, { status: "want_to_read" }));
  }
  for (const entry of entries) {
    const rated = await request.patch(`/api/v1/library/${entry}/`, { headers: readerHeaders, data: { rating: 3.5 } });
    expect(rated.status()).toBe(200);
  }

  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await useEnglish(page);
  await logIn(page, follower);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${follower}!`);

  const items = page.getByTestId("feed-item");
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText(`@${reader} rated Book ${BOOKS} ${token}`);
  // Nothing is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Scrolling to the end loads the rest: the grouped item, then (the oldest) the follow itself.
  await items.last().scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 20_000);
  await expect(items).toHaveCount(BOOKS + 2);
  await expect(items.last()).toContainText(`@${follower} started following @${reader}`);
  const grouped = items.nth(BOOKS);
  await expect(grouped).toContainText(`@${reader} added ${BOOKS} books to their to-read list`);
  await expect(grouped.getByRole("list", { name: "Books" }).getByRole("link")).toHaveCount(4);
  await expect(grouped).toContainText(`and ${BOOKS - 4} more`);
  await expect(page.getByText("You are all caught up.")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The same feed in Spanish, switched from the header.
  await page.getByRole("button", { name: "Language" }).click();
  await page.getByRole("menuitem", { name: "Español" }).click();
  await expect(page.getByTestId("feed-item").first()).toContainText(`@${reader} valoró Book ${BOOKS} ${token}`);
  await context.close();
});
