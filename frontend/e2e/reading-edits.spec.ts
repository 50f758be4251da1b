import { expect, test, type Page } from "@playwright/test";

import { apiBook, apiReader, apiShelve } from "./support/api";
import { logIn, uniqueName, useEnglish } from "./support/readers";

/** Log in through the SPA (in English: call `useEnglish` first). */
async function signedInPage(page: Page, username: string): Promise<void> {
  await logIn(page, username);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);
}

test("create a shelf, rename it and delete it: its books stay in the library", async ({ page, request }) => {
  test.setTimeout(90_000);
  const reader = uniqueName("sol");
  const token = uniqueName("s");
  const headers = await apiReader(request, reader);
  for (const title of [`Shelved one ${token}`, `Shelved two ${token}`]) {
    await apiShelve(request, headers, await apiBook(request, headers, title), { status: "want_to_read" });
  }
  const taken = await request.post("/api/v1/shelves/", { headers, data: { name: "Favourites" } });
  expect(taken.status()).toBe(201);

  await useEnglish(page);
  await signedInPage(page, reader);
  await page.goto("/library");
  await expect(page.getByTestId("library-entry")).toHaveCount(2);
  await page.getByRole("button", { name: "Manage shelves" }).click();
  const manager = page.getByTestId("shelf-manager");

  // Create it from the manager, then put both books on it with the bulk actions.
  await manager.getByLabel("New shelf name").fill("Summer");
  await manager.getByRole("button", { name: "Create shelf" }).click();
  const row = (name: string) => manager.getByTestId("managed-shelf").filter({ hasText: name });
  await expect(row("Summer")).toContainText("0 books");
  await page.getByLabel("Select all on this page").check();
  const bulk = page.getByRole("form", { name: "Change the selected books" });
  await bulk.getByLabel("Action").selectOption("add_to_shelf");
  await bulk.getByLabel("Value").selectOption({ label: "Summer" });
  await bulk.getByRole("button", { name: "Apply to selected" }).click();
  await expect(page.getByText("2 books updated.")).toBeVisible();
  await expect(row("Summer")).toContainText("2 books");

  // Filter the library by it.
  await page.getByLabel("Shelf", { exact: true }).selectOption({ label: "Summer" });
  await expect(page).toHaveURL(/[?&]shelf=\d+/);
  await expect(page.getByTestId("library-entry")).toHaveCount(2);

  // Rename it: a name already used is refused beside the field, then a free one is saved.
  await manager.getByRole("button", { name: "Edit “Summer”" }).click();
  const name = manager.getByLabel("Name", { exact: true });
  await name.fill("favourites");
  await manager.getByRole("button", { name: "Save" }).click();
  await expect(manager.getByText("You already have a shelf with this name.")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("Summer reads");
  await manager.getByLabel("Who can see this shelf").selectOption("private");
  await manager.getByRole("button", { name: "Save" }).click();
  await expect(row("Summer reads")).toContainText("2 books · Only me");
  await expect(page.getByLabel("Shelf", { exact: true }).locator("option:checked")).toHaveText("Summer reads");

  // Delete it: the confirmation says what happens to its books; the filter by it goes.
  await manager.getByRole("button", { name: "Delete “Summer reads”" }).click();
  const confirm = manager.getByRole("alertdialog", { name: "Delete the shelf “Summer reads”?" });
  await expect(confirm).toContainText("It has 2 books on it. The books stay in your library: only the shelf goes.");
  await confirm.getByRole("button", { name: "Delete shelf" }).click();
  await expect(page.getByText("Shelf “Summer reads” deleted, so the library is no longer filtered by it.")).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]shelf=/);
  await expect(row("Summer reads")).toHaveCount(0);
  await expect(row("Favourites")).toBeVisible();
  await expect(page.getByTestId("library-entry")).toHaveCount(2);
  await expect(page.getByRole("alert")).toHaveCount(0);

  // The server agrees: the shelf is gone, the books are not.
  const shelves = (await (await request.get("/api/v1/shelves/", { headers })).json()) as { results: { name: string }[] };
  expect(shelves.results.map((shelf) => shelf.name)).toEqual(["Favourites"]);
  const library = (await (await request.get("/api/v1/library/", { headers })).json()) as { count: number };
  expect(library.count).toBe(2);
});

test("edit a comment on a review", async ({ page, request }) => {
  test.setTimeout(90_000);
  const reader = uniqueName("cora");
  const headers = await apiReader(request, reader);
  const bookId = await apiBook(request, headers, `Discussed ${uniqueName("d")}`);
  const created = await request.post(`/api/v1/books/${bookId}/reviews/`, {
    headers,
    data: { title: "A slow start", body: "Then it flies.", rating: 4 },
  });
  expect(created.status()).toBe(201);
  const { id: reviewId } = (await created.json()) as { id: number };
  const posted = await request.post(`/api/v1/reviews/${reviewId}/comments/`, { headers, data: { body: "Chapter three is the best." } });
  expect(posted.status()).toBe(201);

  await useEnglish(page);
  await signedInPage(page, reader);
  await page.goto(`/books/${bookId}`);
  const review = page.getByTestId("review").filter({ hasText: "A slow start" });
  await review.getByRole("button", { name: "Comments (1)" }).click();
  const comment = review.getByTestId("comment");
  await expect(comment).toContainText("Chapter three is the best.");
  await expect(comment.getByTestId("comment-edited")).toHaveCount(0);

  // Escape drops a change.
  await comment.getByRole("button", { name: "Edit" }).click();
  const editor = comment.getByRole("textbox", { name: "Edit your comment" });
  await expect(editor).toBeFocused();
  await editor.fill("Never mind.");
  await editor.press("Escape");
  await expect(comment).toContainText("Chapter three is the best.");

  // An empty comment is refused; a real change is saved and marked.
  await comment.getByRole("button", { name: "Edit" }).click();
  await editor.fill("  ");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment.getByText("This field is required.")).toBeVisible();
  await editor.fill("Chapter four is the best, actually.");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment.getByText("Chapter four is the best, actually.")).toBeVisible();
  await expect(comment.getByTestId("comment-edited")).toHaveText("(edited)");

  await page.reload();
  await review.getByRole("button", { name: "Comments (1)" }).click();
  await expect(review.getByTestId("comment")).toContainText("Chapter four is the best, actually.");
  await expect(review.getByTestId("comment").getByTestId("comment-edited")).toBeVisible();
});

test("record two progress updates and see both in the reading's history", async ({ page, request }) => {
  test.setTimeout(90_000);
  const reader = uniqueName("pia");
  const headers = await apiReader(request, reader);
  const bookId = await apiBook(request, headers, `Long read ${uniqueName("p")}`, 600);
  await apiShelve(request, headers, bookId, { status: "reading" });

  await useEnglish(page);
  await signedInPage(page, reader);
  await page.goto(`/books/${bookId}`);
  const control = page.getByTestId("library-control");
  await expect(control.getByLabel("Reading status")).toHaveValue("reading");
  await expect(control.getByTestId("progress-history")).toHaveCount(0);

  await control.getByLabel("Where I am").fill("120");
  await control.getByRole("button", { name: "Update progress" }).click();
  await expect(control.getByText("Progress saved.")).toBeVisible();
  const updates = control.getByTestId("progress-update");
  await expect(updates).toHaveCount(1);

  await control.getByLabel("Measured in").selectOption("percent");
  await control.getByLabel("Where I am").fill("40");
  await control.getByLabel("Note (optional)").fill("Halfway-ish.");
  await control.getByRole("button", { name: "Update progress" }).click();
  await expect(updates).toHaveCount(2);
  // Newest first.
  await expect(updates.nth(0)).toContainText("40% — Halfway-ish.");
  await expect(updates.nth(1)).toContainText("Page 120");

  await page.reload();
  await expect(control.getByTestId("progress-update")).toHaveCount(2);
  await expect(control.getByTestId("current-progress")).toHaveText("40% read");
});
