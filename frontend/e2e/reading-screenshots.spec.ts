import { expect, test, type Page } from "@playwright/test";

import { apiBook, apiFollow, apiReader, apiShelve } from "./support/api";
import { logIn, uniqueName } from "./support/readers";

// Screenshots of the library, book and feed pages for a human to look at, not assertions: only with
// E2E_SCREENSHOTS=<directory>, e.g. `E2E_SCREENSHOTS=/tmp npx playwright test reading-screenshots`.
const directory = process.env.E2E_SCREENSHOTS;
test.skip(!directory, "E2E_SCREENSHOTS is not set");

const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 375, height: 812 } } as const;

async function shoot(page: Page, href: string, name: string) {
  for (const language of ["en", "es"] as const) {
    await page.evaluate((lang) => window.localStorage.setItem("mbc.language", lang), language);
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await page.goto(href);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${directory}/reading-${name}-${viewport}-${language}.png`, fullPage: true });
    }
  }
}

test("screenshots of the library, the book page's library control and reviews, and the feed", async ({ page, request }) => {
  test.setTimeout(240_000);
  const reader = uniqueName("marta");
  const friend = uniqueName("lucas");
  const mine = await apiReader(request, reader);
  const theirs = await apiReader(request, friend);
  await apiFollow(request, mine, friend);

  const titles = ["The Pillars of the Earth", "World Without End", "A Column of Fire", "The Evening and the Morning", "Fall of Giants"];
  const books: number[] = [];
  for (const title of titles) books.push(await apiBook(request, mine, title, 973));
  const [pillars, world, column, evening, giants] = books as [number, number, number, number, number];
  await apiShelve(request, mine, pillars, { status: "read", rating: 4.5, tags: ["classics", "book club"], owned: true, format: "physical" });
  await apiShelve(request, mine, world, { status: "reading" });
  await apiShelve(request, mine, column, { status: "want_to_read" });
  await apiShelve(request, mine, evening, { status: "want_to_read" });
  await apiShelve(request, mine, giants, { status: "did_not_finish", rating: 2 });

  for (const book of books) await apiShelve(request, theirs, book, { status: "want_to_read" });
  await apiShelve(request, theirs, pillars, { status: "read", rating: 5 });
  const review = await request.post(`/api/v1/books/${pillars}/reviews/`, {
    headers: theirs,
    data: {
      title: "A cathedral of a book",
      body: "Decades of *building*, a **bishop** who schemes, and an ending that hits hard.\n\n> It is long, and worth it.",
      body_format: "markdown",
      spoiler: true,
      content_warnings: ["violence"],
    },
  });
  expect(review.status()).toBe(201);

  await page.goto("/");
  await page.evaluate(() => window.localStorage.setItem("mbc.language", "en"));
  await logIn(page, reader);
  await expect(page.getByTestId("home-greeting")).toBeVisible();

  await shoot(page, "/", "feed");
  await shoot(page, "/library", "library-grid");
  await shoot(page, "/library?view=list&status=read", "library-list");
  await shoot(page, "/library?status=want_to_read&ordering=position&view=list", "library-to-read");
  await shoot(page, `/books/${world}`, "book-reading");
  await shoot(page, `/books/${pillars}`, "book-reviews");
});
