import { expect, test, type Page } from "@playwright/test";

import { apiBook, apiReader, apiShelve } from "./support/api";
import { logIn, uniqueName, useEnglish } from "./support/readers";

/** Log in through the SPA (the page is in English: `useEnglish` first). */
async function signIn(page: Page, username: string): Promise<void> {
  await logIn(page, username);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);
}

test("a reader's library, shelves, review and activity on their profile, filtered through the URL", async ({ page, request }) => {
  test.setTimeout(120_000);
  const bea = uniqueName("bea");
  const ana = uniqueName("ana");
  const token = uniqueName("t");
  const beaHeaders = await apiReader(request, bea);
  await apiReader(request, ana);

  // Bea (a public profile) reads one book, rates it and puts it on a shelf; she wants to read another.
  const shelf = await request.post("/api/v1/shelves/", { headers: beaHeaders, data: { name: `Favourites ${token}` } });
  expect(shelf.status()).toBe(201);
  const shelfId = ((await shelf.json()) as { id: number }).id;
  const read = await apiBook(request, beaHeaders, `Pillars ${token}`);
  const wanted = await apiBook(request, beaHeaders, `Column ${token}`);
  await apiShelve(request, beaHeaders, read, { status: "read", rating: 4.5, shelves: [shelfId] });
  await apiShelve(request, beaHeaders, wanted, { status: "want_to_read" });
  const review = await request.post(`/api/v1/books/${read}/reviews/`, {
    headers: beaHeaders,
    data: { title: `A cathedral ${token}`, body: "Stone by stone, a town grows.", spoiler: false },
  });
  expect(review.status()).toBe(201);

  await useEnglish(page);
  await signIn(page, ana);
  await page.goto(`/u/${bea}`);
  const library = page.getByRole("list", { name: `Books in @${bea}'s library` });
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(2);

  // The "Read" tab: only the book she read, with her rating; the filter is in the URL and survives a reload.
  await page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: "Read", exact: true }).click();
  await expect(page).toHaveURL(/\?status=read$/);
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(1);
  await expect(library.getByTestId("reader-library-entry")).toContainText(`Pillars ${token}`);
  await expect(library.getByRole("img", { name: "4.5 out of 5 stars" })).toBeVisible();
  await page.reload();
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Read", exact: true })).toHaveAttribute("aria-current", "page");

  // Her shelf filters the library too.
  await page.getByRole("link", { name: "All", exact: true }).click();
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(2);
  await page.getByRole("navigation", { name: "Shelves" }).getByRole("link", { name: `Favourites ${token} (1)` }).click();
  await expect(page).toHaveURL(new RegExp(`\\?shelf=${shelfId}$`));
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(1);
  await expect(library.getByTestId("reader-library-entry")).toContainText(`Pillars ${token}`);

  // Her review, under its book.
  const sections = page.getByRole("navigation", { name: "Reading" });
  await sections.getByRole("link", { name: "Reviews" }).click();
  await expect(page).toHaveURL(/\?tab=reviews$/);
  const reviews = page.getByRole("list", { name: `@${bea}'s reviews` });
  await expect(reviews.getByRole("link", { name: `Review of Pillars ${token}` })).toBeVisible();
  await expect(reviews.getByTestId("review")).toContainText(`A cathedral ${token}`);
  await expect(reviews.getByTestId("review-body")).toHaveText("Stone by stone, a town grows.");

  // Her activity, drawn as in the feed.
  await sections.getByRole("link", { name: "Activity" }).click();
  const activity = page.getByRole("list", { name: `@${bea}'s activity` });
  await expect(activity.getByTestId("feed-item").first()).toContainText(`@${bea} reviewed Pillars ${token}`);
  await expect(activity.getByTestId("feed-item").filter({ hasText: `rated Pillars ${token}` })).toHaveCount(1);

  // Nothing is wider than a phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await sections.getByRole("link", { name: "Library" }).click();
  await expect(library.getByTestId("reader-library-entry")).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("a private profile tells a stranger why its reading is empty; its owner sees it all", async ({ page, request }) => {
  const cleo = uniqueName("cleo");
  const ana = uniqueName("ana");
  const token = uniqueName("t");
  const cleoHeaders = await apiReader(request, cleo);
  await apiReader(request, ana);
  const privacy = await request.patch("/api/v1/auth/me/", { headers: cleoHeaders, data: { profile_visibility: "private" } });
  expect(privacy.status()).toBe(200);
  // Her library's default audience is now her profile's: private.
  await apiShelve(request, cleoHeaders, await apiBook(request, cleoHeaders, `Secret ${token}`), { status: "reading" });

  await useEnglish(page);
  await signIn(page, ana);
  await page.goto(`/u/${cleo}?status=reading`);
  await expect(page.getByTestId("profile-reading-privacy")).toContainText(
    `@${cleo} keeps their reading private: you only see what they share with everyone.`,
  );
  await expect(page.getByTestId("reader-library-empty")).toHaveText(`@${cleo} shares no books here with you.`);
  await page.getByRole("navigation", { name: "Reading" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByTestId("reader-activity-empty")).toHaveText(`@${cleo} shares no activity with you.`);

  // Cleo herself sees her book, and the way to her editable library.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await signIn(page, cleo);
  await page.goto(`/u/${cleo}`);
  await expect(page.getByTestId("reader-library-entry")).toContainText(`Secret ${token}`);
  await expect(page.getByRole("link", { name: "Edit my library" })).toHaveAttribute("href", "/library");
  await expect(page.getByTestId("profile-reading-privacy")).toHaveCount(0);
});

test("the signed-in header leaves the book search room at 1280 px, and the phone menu works", async ({ page, request }) => {
  const dora = uniqueName("dora");
  await apiReader(request, dora);
  await page.setViewportSize({ width: 1280, height: 800 });
  await useEnglish(page);
  await signIn(page, dora);
  const search = page.getByTestId("header-search").getByRole("combobox");

  for (const [language, settings] of [
    ["en", "Settings"],
    ["es", "Ajustes"],
  ] as const) {
    if (language === "es") {
      await page.getByRole("button", { name: "Language" }).click();
      await page.getByRole("menuitem", { name: "Español" }).click();
    }
    await expect(page.getByRole("link", { name: settings, exact: true })).toBeVisible();
    const box = await search.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(240);
    // The links never slide under the search box or the account area.
    const header = await page.locator("header").boundingBox();
    const last = await page.getByRole("link", { name: settings, exact: true }).boundingBox();
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual((header?.width ?? 0) + 1);
    expect(last?.y ?? 0).toBeGreaterThanOrEqual((box?.y ?? 0) + (box?.height ?? 0));
  }

  // On a phone the links fold behind the menu button.
  await page.setViewportSize({ width: 375, height: 740 });
  const people = page.getByRole("link", { name: "Personas", exact: true });
  await expect(people).toBeHidden();
  await page.getByRole("button", { name: "Abrir el menú principal" }).click();
  await expect(people).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
