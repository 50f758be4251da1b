import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { randomIsbn13 } from "./support/books";
import { logIn, PASSWORD, uniqueName } from "./support/readers";

// Screenshots of the books pages for a human to look at, not assertions: only with
// E2E_SCREENSHOTS=<directory>, e.g. `E2E_SCREENSHOTS=/tmp npx playwright test books-screenshots`.
const directory = process.env.E2E_SCREENSHOTS;
test.skip(!directory, "E2E_SCREENSHOTS is not set");

const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;
const LANGUAGES = ["en", "es"] as const;

async function apiReader(request: APIRequestContext, username: string) {
  const created = await request.post("/api/v1/auth/register/", {
    data: { username, email: `${username}@example.com`, password: PASSWORD },
  });
  expect(created.status()).toBe(201);
  const tokens = await request.post("/api/v1/auth/token/", { data: { username, password: PASSWORD } });
  const { access } = (await tokens.json()) as { access: string };
  return { Authorization: `Bearer ${access}` };
}

async function eachView(page: Page, visit: (name: string) => Promise<void>) {
  for (const language of LANGUAGES) {
    await page.evaluate((lang) => window.localStorage.setItem("mbc.language", lang), language);
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await visit(`${viewport}-${language}`);
    }
  }
}

test("screenshots of the book page, the search dropdown and the add form", async ({ page, request }) => {
  test.setTimeout(240_000);
  const username = uniqueName("marta");
  const headers = await apiReader(request, username);
  const created = await request.post("/api/v1/books/", {
    headers,
    data: {
      title: "The Pillars of the Earth",
      subtitle: "A Novel",
      description:
        "In twelfth-century England, a prior, a master builder and a family of outcasts raise a cathedral " +
        "through civil war, famine and the ambitions of bishops and earls.\n\nThe first Kingsbridge novel.",
      first_published_year: 1989,
      original_language: "en",
      authors: [
        { name: "Ken Follett", role: "author" },
        { name: "Ana María de la Fuente", role: "translator" },
      ],
      series: [{ name: "Kingsbridge", position: "1" }],
      subjects: ["Historical fiction", "Architecture", "Middle Ages"],
    },
  });
  expect(created.status()).toBe(201);
  const book = (await created.json()) as { id: number };
  for (const edition of [
    { isbn: randomIsbn13(), publisher: "Signet", publication_year: 1990, publication_month: 8, pages: 973, format: "paperback", language: "en" },
    { isbn: randomIsbn13(), publisher: "Macmillan", publication_year: 1989, pages: 806, format: "hardcover", language: "en" },
    { publisher: "Plaza & Janés", publication_year: 1990, pages: 1040, format: "paperback", language: "es" },
  ]) {
    expect((await request.post("/api/v1/editions/", { headers, data: { book: book.id, ...edition } })).status()).toBe(201);
  }
  for (const title of ["World Without End", "A Column of Fire", "The Evening and the Morning"]) {
    await request.post("/api/v1/books/", {
      headers,
      data: { title, authors: [{ name: "Ken Follett" }], series: [{ name: "Kingsbridge" }] },
    });
  }

  await page.goto("/");
  await eachView(page, async (name) => {
    await page.goto(`/books/${book.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${directory}/books-spa-book-${name}.png`, fullPage: true });

    const search = page.getByRole("combobox").first();
    await search.click();
    await search.pressSequentially("follet", { delay: 20 });
    await expect(page.getByRole("option").nth(1)).toBeVisible();
    await search.press("ArrowDown");
    await search.press("ArrowDown");
    await page.screenshot({ path: `${directory}/books-spa-search-${name}.png` });
    await search.press("Escape");
  });

  const author = (await (await request.get(`/api/v1/books/${book.id}/`)).json()) as {
    authors: { id: number }[];
    series: { id: number }[];
  };
  const otherPages = {
    results: "/books?q=kingsbridge&ordering=title",
    subject: "/books?subject=historical-fiction",
    author: `/authors/${author.authors[0]?.id}`,
    series: `/series/${author.series[0]?.id}`,
    subjects: "/subjects",
    history: `/books/${book.id}/history`,
  };
  await eachView(page, async (name) => {
    for (const [pageName, href] of Object.entries(otherPages)) {
      await page.goto(href);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${directory}/books-spa-${pageName}-${name}.png`, fullPage: true });
    }
  });

  await page.evaluate(() => window.localStorage.setItem("mbc.language", "en"));
  await logIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await eachView(page, async (name) => {
    await page.goto("/books/new");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // An ISBN that does not check out: the message shows beside the field.
    await page.locator("#field-isbn").fill("978-0-14-032872-2");
    await page.locator("#field-title").fill("Cien años de soledad");
    await page.locator("#field-first_published_year").fill("19x7");
    await page.locator("form button[type=submit]").click();
    await page.screenshot({ path: `${directory}/books-spa-add-${name}.png`, fullPage: true });
  });
});
