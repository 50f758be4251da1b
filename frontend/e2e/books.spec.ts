import { expect, test } from "@playwright/test";

import { randomIsbn13 } from "./support/books";
import { logIn, signUp, uniqueName, useEnglish } from "./support/readers";

// The demo readers `make run` and the e2e server load (packages/users: DEFAULT_DEMO_PASSWORD).
const DEMO_READER = "ana";
const DEMO_PASSWORD = "demo-reader-password";

test("add a book through the form, find it as you type, open it by ISBN", async ({ page }) => {
  await useEnglish(page);
  const token = uniqueName("zq");
  const title = `The Pillars of the Earth ${token}`;
  const isbn = randomIsbn13();

  await signUp(page, uniqueName("reader"));

  // Add a book by hand: two authors (one a translator), a series, subjects and a first edition.
  await page.getByRole("link", { name: "Add a book" }).first().click();
  await expect(page.getByRole("heading", { name: "Add a book" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Subtitle").fill("A Novel");
  await page.getByLabel("Author 1", { exact: true }).fill("Ken Follett");
  await page.getByRole("button", { name: "Add another author" }).click();
  await page.getByLabel("Author 2", { exact: true }).fill("Ana Traductora");
  await page.getByLabel("Role of author 2").selectOption("translator");
  await page.getByLabel("First published (year)").fill("1989");
  await page.getByLabel("Series", { exact: true }).fill(`Kingsbridge ${token}`);
  await page.getByLabel("Position in series").fill("1");
  await page.getByLabel("Subjects").fill("Historical fiction, Architecture");
  await page.getByLabel("Description").fill("A cathedral rises in twelfth-century England.");
  await page.getByLabel("ISBN", { exact: true }).fill(isbn);
  await page.getByLabel("Publisher").fill("Signet");
  await page.getByLabel("Pages").fill("973");
  await page.getByLabel("Format").selectOption("paperback");
  await page.getByRole("button", { name: "Save book" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/books\/\d+$/);
  const bookUrl = new URL(page.url()).pathname;

  // Search as you type in the header finds it; the keyboard opens it.
  await page.goto("/");
  const search = page.getByRole("combobox", { name: "Search books" });
  await search.click();
  await search.pressSequentially(`pillars ${token}`, { delay: 30 });
  // The book itself, not the "See all results for …" option, which also names the token.
  const option = page.getByRole("option", { name: new RegExp(`^${title}`) });
  await expect(option).toBeVisible();
  await search.press("ArrowDown");
  await expect(option).toHaveAttribute("aria-selected", "true");
  await search.press("Enter");
  await expect(page).toHaveURL(bookUrl);

  // The book page: authors with roles linking to their pages, series, subjects, editions.
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ken Follett" })).toHaveAttribute("href", /\/authors\/\d+$/);
  await expect(page.getByRole("link", { name: "Ana Traductora" })).toBeVisible();
  await expect(page.getByText("(translator)")).toBeVisible();
  await expect(page.getByRole("link", { name: `Kingsbridge ${token} #1` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Historical fiction" })).toBeVisible();
  // Exact names: the row's "Edit" link is named after the edition, ISBN and publisher included.
  const editions = page.getByRole("table", { name: "Editions" });
  await expect(editions.getByRole("cell", { name: isbn, exact: true })).toBeVisible();
  await expect(editions.getByRole("cell", { name: "Signet", exact: true })).toBeVisible();
  await expect(editions.getByRole("cell", { name: "Paperback", exact: true })).toBeVisible();

  // The author's page lists the book.
  await page.getByRole("link", { name: "Ken Follett" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ken Follett" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  // An ISBN typed in the search box (with hyphens) opens its book.
  await page.goto("/");
  await search.fill(`${isbn.slice(0, 3)}-${isbn.slice(3)}`);
  await search.press("Enter");
  await expect(page).toHaveURL(bookUrl);

  // The edit history records the creation.
  await page.getByRole("link", { name: "Edit history" }).click();
  await expect(page.getByRole("heading", { name: "Edit history" })).toBeVisible();
  await expect(page.getByText("Created").first()).toBeVisible();
});

test("add an edition to a demo book, see it among its editions, correct its page count", async ({ page }) => {
  await useEnglish(page);
  // Unused on this server, whatever earlier runs added to the demo book.
  const isbn = randomIsbn13();

  await logIn(page, DEMO_READER, DEMO_PASSWORD);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${DEMO_READER}!`);

  // A demo book, found through the search page.
  await page.goto("/books?q=Rayuela");
  await page.getByRole("link", { name: "Rayuela", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rayuela" })).toBeVisible();
  const bookUrl = new URL(page.url()).pathname;

  // Add an edition: ISBN with hyphens, a year and month, pages, format, language.
  await page.getByRole("link", { name: "Add edition" }).click();
  await expect(page.getByRole("heading", { name: "Add an edition" })).toBeVisible();
  await page.getByLabel("ISBN", { exact: true }).fill(`${isbn.slice(0, 3)}-${isbn.slice(3)}`);
  await page.getByLabel("Publisher").fill("Alfaguara");
  await page.getByLabel("Publication date").fill("2013-05");
  await page.getByLabel("Pages").fill("600");
  await page.getByLabel("Format").selectOption("paperback");
  // The header's language switcher is also labelled "Language": this is the text box.
  await page.getByRole("textbox", { name: "Language", exact: true }).fill("es");
  await page.getByRole("button", { name: "Save edition" }).click();

  // Back on the book, the edition is in the table.
  await expect(page).toHaveURL(bookUrl);
  const row = page.getByRole("table", { name: "Editions" }).getByRole("row").filter({ hasText: isbn });
  // Every 978 ISBN-13 has an ISBN-10 too: the server works it out.
  await expect(row.getByRole("cell")).toHaveText([
    "Paperback",
    "Alfaguara",
    "2013-05",
    "600",
    "es",
    isbn,
    /^\d{9}[\dX]$/,
    "Edit",
  ]);

  // Correct its page count from the table.
  await row.getByRole("link", { name: /^Edit edition:/ }).click();
  await expect(page.getByRole("heading", { name: "Edit edition" })).toBeVisible();
  await expect(page.getByLabel("ISBN", { exact: true })).toHaveValue(isbn);
  await expect(page.getByLabel("Pages")).toHaveValue("600");
  await page.getByLabel("Pages").fill("635");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(bookUrl);
  await expect(row.getByRole("cell", { name: "635", exact: true })).toBeVisible();

  // The book's history records the correction, newest first.
  await page.getByRole("link", { name: "Edit history" }).click();
  await expect(page.getByRole("heading", { name: "Edit history" })).toBeVisible();
  await expect(page.getByRole("row", { name: "Pages 600 635" }).first()).toBeVisible();
});
