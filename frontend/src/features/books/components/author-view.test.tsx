import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { authorBook, authorDetail } from "@/testing/mocks/books";
import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const mostRead = Array.from({ length: 10 }, (_, i) => authorBook(100 + i, `Popular ${i + 1}`));

/** `GET authors/10/books/`: 25 books, 20 a page, recording what each request asked for. */
function authorBooksApi(requests: URLSearchParams[]) {
  return http.get(`${API}/authors/10/books/`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    requests.push(params);
    const page = Number(params.get("page") ?? "1");
    if (page > 2) return HttpResponse.json({ detail: "Invalid page.", code: "not_found" }, { status: 404 });
    const first = (page - 1) * 20;
    const count = page === 1 ? 20 : 5;
    const ordering = params.get("ordering");
    return HttpResponse.json({
      count: 25,
      next: page === 1 ? `http://testserver${API}/authors/10/books/?page=2` : null,
      previous: page === 2 ? `http://testserver${API}/authors/10/books/` : null,
      results: Array.from({ length: count }, (_, i) =>
        authorBook(200 + first + i, `${ordering} ${first + i + 1}`, first + i === 0 ? { role: "translator" } : {}),
      ),
    });
  });
}

describe("author page", () => {
  it("shows every book itself when they all fit, without asking for more", async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      anonymousRefresh,
      http.get(`${API}/authors/10/`, () =>
        HttpResponse.json(
          authorDetail(10, [authorBook(1, "The Pillars of the Earth"), authorBook(2, "Un mundo sin fin", { role: "translator" })]),
        ),
      ),
      authorBooksApi(requests),
    );
    renderApp("/authors/10");

    expect(await screen.findByRole("heading", { level: 1, name: "Ken Follett" })).toBeInTheDocument();
    expect(screen.getByText("1949–")).toBeInTheDocument();
    expect(screen.getByText("Also known as K. Follett")).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "2 books" });
    expect(within(list).getByRole("link", { name: "The Pillars of the Earth" })).toHaveAttribute("href", "/books/1");
    expect(within(list).getByText("1989 · translator")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: /All their books/ })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Search and filter their books" })).toHaveAttribute("href", "/books?author=10");
    expect(requests).toHaveLength(0);
  });

  it("shows the most-read books, then all of them a page at a time with the page in the URL", async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      anonymousRefresh,
      http.get(`${API}/authors/10/`, () => HttpResponse.json(authorDetail(10, mostRead, { books_count: 25 }))),
      authorBooksApi(requests),
    );
    const { router, user } = renderApp("/authors/10");

    const popular = await screen.findByRole("list", { name: "Most read" });
    expect(within(popular).getAllByRole("listitem")).toHaveLength(10);
    const all = await screen.findByRole("list", { name: "All their books (25)" });
    expect(within(all).getAllByRole("listitem")).toHaveLength(20);
    expect(within(all).getByText("1989 · translator")).toBeInTheDocument();
    expect(within(all).getByRole("link", { name: "-readers_count 1" })).toHaveAttribute("href", "/books/200");
    expect(requests.at(-1)?.get("page")).toBe("1");
    expect(requests.at(-1)?.get("page_size")).toBe("20");
    expect(requests.at(-1)?.get("ordering")).toBe("-readers_count");

    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByRole("link", { name: "-readers_count 21" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?page=2");
    expect(screen.getByText("Page 2")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
    // The most-read books stay above.
    expect(within(screen.getByRole("list", { name: "Most read" })).getAllByRole("listitem")).toHaveLength(10);

    // Another order starts again from the first page.
    await user.selectOptions(screen.getByLabelText("Sort by"), "title");
    expect(await screen.findByRole("link", { name: "title 1" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?ordering=title");
    expect(requests.at(-1)?.get("ordering")).toBe("title");
    expect(requests.at(-1)?.get("page")).toBe("1");
  });

  it("opens at the page and order of its URL, and offers the first page when that page is gone", async () => {
    const requests: URLSearchParams[] = [];
    server.use(
      anonymousRefresh,
      http.get(`${API}/authors/10/`, () => HttpResponse.json(authorDetail(10, mostRead, { books_count: 25 }))),
      authorBooksApi(requests),
    );
    const { router, user } = renderApp("/authors/10?page=2&ordering=-first_published_year");
    expect(await screen.findByRole("link", { name: "-first_published_year 25" })).toBeInTheDocument();
    expect(screen.getByLabelText("Sort by")).toHaveValue("-first_published_year");

    await router.navigate("/authors/10?page=9");
    expect(await screen.findByText("This page of their books does not exist.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Go to the first page" }));
    expect(await screen.findByRole("link", { name: "-readers_count 1" })).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe(""));
  });

  it("shows the page in Spanish", async () => {
    server.use(
      anonymousRefresh,
      http.get(`${API}/authors/10/`, () => HttpResponse.json(authorDetail(10, mostRead, { books_count: 25 }))),
      authorBooksApi([]),
    );
    window.localStorage.setItem("mbc.language", "es");
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage("es");
    renderApp("/authors/10");
    expect(await screen.findByRole("list", { name: "Los más leídos" })).toBeInTheDocument();
    const all = await screen.findByRole("list", { name: "Todos sus libros (25)" });
    expect(within(all).getByText("1989 · traducción")).toBeInTheDocument();
    expect(screen.getByLabelText("Ordenar por")).toHaveValue("-readers_count");
  });

  it("says so when the author does not exist", async () => {
    server.use(
      anonymousRefresh,
      http.get(`${API}/authors/99/`, () => HttpResponse.json({ detail: "Author not found.", code: "not_found" }, { status: 404 })),
    );
    renderApp("/authors/99");
    expect(await screen.findByText("This author does not exist or was removed.")).toBeInTheDocument();
  });
});
