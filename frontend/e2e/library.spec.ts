import { expect, test, type Page } from "@playwright/test";

import { apiBook, apiReader, apiShelve } from "./support/api";
import { logIn, signUp, uniqueName, useEnglish } from "./support/readers";

/** Log in through the SPA (in English: call `useEnglish` first). */
async function signedInPage(page: Page, username: string): Promise<void> {
  await logIn(page, username);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);
}

/** The titles of the library page's entries, in the order shown. */
async function shownTitles(page: Page): Promise<string[]> {
  return page.getByTestId("library-entry").getByRole("link").allTextContents();
}

test("shelve, rate and review a book, then see it in a follower's feed", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const reader = uniqueName("rita");
  const follower = uniqueName("fede");
  const title = `The Pillars of the Earth ${uniqueName("t")}`;
  const readerHeaders = await apiReader(request, reader);
  const bookId = await apiBook(request, readerHeaders, title, 973);

  // The follower signs up in the SPA and follows the reader from her profile.
  const followerContext = await browser.newContext();
  const followerPage = await followerContext.newPage();
  await useEnglish(followerPage);
  await signUp(followerPage, follower);
  await followerPage.goto(`/u/${reader}`);
  await followerPage.getByRole("button", { name: "Follow" }).click();
  await expect(followerPage.getByTestId("follow-status")).toHaveText("Following");

  // The reader, in her own browser, on the book page: start it, record progress, finish it.
  const readerContext = await browser.newContext();
  const page = await readerContext.newPage();
  await useEnglish(page);
  await signedInPage(page, reader);
  await page.goto(`/books/${bookId}`);
  const control = page.getByTestId("library-control");
  await control.getByLabel("Reading status").selectOption("reading");
  await control.getByLabel("Where I am").fill("120");
  await control.getByRole("button", { name: "Update progress" }).click();
  await expect(control.getByText("Progress saved.")).toBeVisible();
  await expect(control.getByTestId("current-progress")).toHaveText("Page 120 of 973");
  await control.getByLabel("Reading status").selectOption("read");
  await expect(control.getByLabel("Reading status")).toHaveValue("read");

  // Rate it four and a half stars with the keyboard; it is saved once the keys stop.
  const stars = control.getByRole("slider", { name: "My rating" });
  const saved = page.waitForResponse((response) => response.url().includes("/api/v1/library/") && response.request().method() === "PATCH");
  await stars.focus();
  await stars.press("End");
  await stars.press("ArrowLeft");
  await expect(stars).toHaveAttribute("aria-valuetext", "4.5 out of 5 stars");
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(control.getByRole("slider", { name: "My rating" })).toHaveAttribute("aria-valuetext", "4.5 out of 5 stars");
  await expect(control.getByLabel("Reading status")).toHaveValue("read");

  // Review it in Markdown: the server renders it.
  const reviews = page.getByTestId("book-reviews");
  await reviews.getByRole("button", { name: "Write a review" }).click();
  const editor = page.getByRole("form", { name: "Write a review" });
  await expect(editor.getByRole("slider", { name: "Rating" })).toHaveAttribute("aria-valuetext", "4.5 out of 5 stars");
  await editor.getByLabel("Title", { exact: true }).fill("A cathedral of a book");
  await editor.getByLabel("Markdown", { exact: true }).check();
  await editor.getByLabel("Your review").fill("Decades of *building*, and the **ending** hits hard.");
  await editor.getByLabel("Content warnings", { exact: true }).fill("violence");
  await editor.getByRole("button", { name: "Publish review" }).click();
  await expect(reviews.getByText("Your review was saved.")).toBeVisible();
  const mine = reviews.getByTestId("review").filter({ hasText: "A cathedral of a book" });
  await expect(mine.locator("em")).toHaveText("building");
  await expect(mine.locator("strong")).toHaveText("ending");
  await expect(mine.getByText("violence")).toBeVisible();

  // The follower's feed has all of it, newest first.
  await followerPage.goto("/");
  const feed = followerPage.getByTestId("feed");
  const item = (text: string) => feed.getByTestId("feed-item").filter({ hasText: text });
  await expect(item(`@${reader} reviewed ${title}`)).toBeVisible();
  await expect(item(`@${reader} reviewed ${title}`)).toContainText("A cathedral of a book");
  await expect(item(`@${reader} reviewed ${title}`)).toContainText("Decades of");
  await expect(item(`@${reader} rated ${title}`).getByRole("img", { name: "4.5 out of 5 stars" })).toBeVisible();
  await expect(item(`@${reader} finished ${title}`)).toBeVisible();
  await expect(item(`@${reader} is at page 120 of ${title}`)).toBeVisible();
  await expect(item(`@${reader} started reading ${title}`)).toBeVisible();

  // From the feed to the review: the follower likes it and starts a discussion; the reader replies.
  await item(`@${reader} reviewed ${title}`).getByRole("link", { name: "Read the review" }).click();
  const theirs = followerPage.getByTestId("review").filter({ hasText: "A cathedral of a book" });
  await theirs.getByRole("button", { name: "Like (0)" }).click();
  await expect(theirs.getByRole("button", { name: "Liked (1)" })).toBeVisible();
  await theirs.getByRole("button", { name: "Comments (0)" }).click();
  await theirs.getByLabel("Add a comment").fill("The ending made me cry.");
  await theirs.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(theirs.getByTestId("comment").filter({ hasText: "The ending made me cry." })).toBeVisible();

  await page.reload();
  await mine.getByRole("button", { name: "Comments (1)" }).click();
  await mine.getByTestId("comment").getByRole("button", { name: "Reply" }).click();
  await mine.getByLabel(`Reply to @${follower}`).fill("Mine too.");
  await mine.getByRole("button", { name: "Send reply" }).click();
  await expect(mine.locator('[data-testid="comment"][data-depth="1"]')).toContainText("Mine too.");

  await readerContext.close();
  await followerContext.close();
});

test("filter the library, reload, and the filter is still there", async ({ page, request }) => {
  test.setTimeout(90_000);
  const reader = uniqueName("lia");
  const token = uniqueName("k");
  const headers = await apiReader(request, reader);
  const loved = await apiBook(request, headers, `Loved ${token}`);
  const disliked = await apiBook(request, headers, `Disliked ${token}`);
  const waiting = await apiBook(request, headers, `Waiting ${token}`);
  await apiShelve(request, headers, loved, { status: "read", rating: 4.5, tags: ["classics"] });
  await apiShelve(request, headers, disliked, { status: "read", rating: 2 });
  await apiShelve(request, headers, waiting, { status: "want_to_read" });

  await useEnglish(page);
  await signedInPage(page, reader);
  await page.getByRole("link", { name: "Library", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My library" })).toBeVisible();
  await expect(page.getByTestId("library-entry")).toHaveCount(3);

  await page.getByLabel("Status", { exact: true }).selectOption("read");
  await expect(page).toHaveURL(/[?&]status=read/);
  await expect(page.getByTestId("library-entry")).toHaveCount(2);
  await page.getByLabel("Rated at least").selectOption("4");
  await page.getByLabel("Search my library").fill(token);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]rating_min=4/);
  await expect(page.getByTestId("library-entry")).toHaveCount(1);
  expect(await shownTitles(page)).toEqual([`Loved ${token}`]);
  await page.getByRole("button", { name: "List", exact: true }).click();
  await expect(page.getByTestId("library-list")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("read");
  await expect(page.getByLabel("Rated at least")).toHaveValue("4");
  await expect(page.getByLabel("Search my library")).toHaveValue(token);
  await expect(page.getByTestId("library-list")).toBeVisible();
  await expect(page.getByTestId("library-entry")).toHaveCount(1);
  expect(await shownTitles(page)).toEqual([`Loved ${token}`]);

  // The address can be shared: a tag filter typed into it works too.
  await page.goto(`/library?tag=classics&view=list`);
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue("classics");
  expect(await shownTitles(page)).toEqual([`Loved ${token}`]);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("library-entry")).toHaveCount(3);
});

test("bulk actions, and the to-read list's hand order kept after a drag", async ({ page, request }) => {
  test.setTimeout(90_000);
  const reader = uniqueName("omar");
  const headers = await apiReader(request, reader);
  const titles = ["First", "Second", "Third"].map((word) => `${word} ${uniqueName("b")}`);
  for (const title of titles) {
    await apiShelve(request, headers, await apiBook(request, headers, title), { status: "want_to_read" });
  }
  await useEnglish(page);
  await signedInPage(page, reader);
  await page.goto("/library");
  await page.getByRole("button", { name: "Arrange my to-read list" }).click();
  await expect(page).toHaveURL(/ordering=position/);
  await expect(page.getByTestId("library-entry")).toHaveCount(3);
  const before = await shownTitles(page);
  expect([...before].sort()).toEqual([...titles].sort());

  // Drag the last book onto the first: it goes first, and stays there after a reload.
  const rows = page.getByTestId("library-entry");
  const moved = page.waitForResponse((response) => /\/library\/\d+\/move\/$/.test(new URL(response.url()).pathname));
  await rows.nth(2).dragTo(rows.nth(0));
  expect((await moved).ok()).toBe(true);
  const expected = [before[2], before[0], before[1]];
  await expect.poll(() => shownTitles(page)).toEqual(expected);
  await page.reload();
  await expect.poll(() => shownTitles(page)).toEqual(expected);

  // The arrows do the same without a mouse.
  await page.getByRole("button", { name: `Move “${expected[0]}” down` }).click();
  await expect.poll(() => shownTitles(page)).toEqual([expected[1], expected[0], expected[2]]);

  // Tag two books at once, then find them by the tag.
  await page.getByRole("checkbox", { name: `Select “${titles[0]}”` }).check();
  await page.getByRole("checkbox", { name: `Select “${titles[1]}”` }).check();
  const bar = page.getByRole("form", { name: "Change the selected books" });
  await expect(bar.getByText("2 selected")).toBeVisible();
  await bar.getByLabel("Action").selectOption("add_tag");
  await bar.getByLabel("Value").fill("book club");
  await bar.getByRole("button", { name: "Apply to selected" }).click();
  await expect(page.getByText("2 books updated.")).toBeVisible();
  await page.goto("/library?tag=book%20club");
  await expect(page.getByTestId("library-entry")).toHaveCount(2);

  // And change the status of everything on the page.
  await page.getByLabel("Select all on this page").check();
  await bar.getByLabel("Value").selectOption("reading");
  await bar.getByRole("button", { name: "Apply to selected" }).click();
  await expect(page.getByText("2 books updated.")).toBeVisible();
  await page.goto("/library?status=reading");
  await expect(page.getByTestId("library-entry")).toHaveCount(2);
});
