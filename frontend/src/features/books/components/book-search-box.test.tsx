import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { api } from "@/lib/api-client";
import { bookDetail, bookSummary } from "@/testing/mocks/books";
import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

import { QUICK_SEARCH_DEBOUNCE_MS } from "./book-search-box";

const ISBN = "978-0-451-16689-0";

/** `GET books/` answering two books per query (one for an ISBN), each query after `delayFor[q]` ms. */
function catalog(delayFor: Record<string, number> = {}) {
  const queries: { q: string; at: number }[] = [];
  const handler = http.get(`${API}/books/`, async ({ request }) => {
    const q = new URL(request.url).searchParams.get("q") ?? "";
    queries.push({ q, at: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, delayFor[q] ?? 0));
    const results = q.replace(/-/g, "") === "9780451166890"
      ? [bookSummary(1, "The Pillars of the Earth")]
      : [bookSummary(2, `First for ${q}`), bookSummary(3, `Second for ${q}`, { authors: [] })];
    return HttpResponse.json({ count: results.length, next: null, previous: null, results });
  });
  return { handler, queries };
}

const searchBox = () => screen.getByRole("combobox", { name: "Search books" });

describe("header book search", () => {
  it("waits for typing to pause, then sends one search and lists its books", async () => {
    const books = catalog();
    server.use(anonymousRefresh, books.handler);
    const { user } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search books" });

    const typedAt = Date.now();
    await user.type(searchBox(), "pil");
    expect(await screen.findByRole("option", { name: /First for pil/ })).toBeInTheDocument();
    expect(books.queries.map((query) => query.q)).toEqual(["pil"]);
    expect(books.queries[0]!.at - typedAt).toBeGreaterThanOrEqual(QUICK_SEARCH_DEBOUNCE_MS - 20);
    expect(screen.getByRole("option", { name: /Second for pil/ })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "See all results for “pil”" })).toBeInTheDocument();
    expect(searchBox()).toHaveAttribute("aria-expanded", "true");
  });

  it("cancels a search that a newer one supersedes and never shows its books", async () => {
    const books = catalog({ pi: 1_500 });
    server.use(anonymousRefresh, books.handler);
    const signals: AbortSignal[] = [];
    const get = api.get.bind(api);
    vi.spyOn(api, "get").mockImplementation((url, config) => {
      if (url === "/books/" && config?.signal) signals.push(config.signal as AbortSignal);
      return get(url, config);
    });
    const { user } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search books" });

    await user.type(searchBox(), "pi");
    await waitFor(() => expect(books.queries.map((query) => query.q)).toEqual(["pi"]));
    await user.type(searchBox(), "l");

    expect(await screen.findByRole("option", { name: /First for pil/ })).toBeInTheDocument();
    expect(signals).toHaveLength(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(screen.queryByRole("option", { name: /First for pi$/ })).not.toBeInTheDocument();
    expect(screen.getByRole("option", { name: /First for pil/ })).toBeInTheDocument();
  });

  it("moves through the results with the arrows, opens one with Enter and closes with Escape", async () => {
    const books = catalog();
    server.use(anonymousRefresh, books.handler, http.get(`${API}/books/3/`, () => HttpResponse.json(bookDetail(3))));
    const { user, router } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search books" });

    await user.type(searchBox(), "ken");
    await screen.findByRole("option", { name: /First for ken/ });
    const options = () => screen.getAllByRole("option");

    await user.keyboard("{ArrowDown}");
    expect(searchBox()).toHaveAttribute("aria-activedescendant", options()[0]!.id);
    expect(options()[0]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(searchBox()).toHaveAttribute("aria-activedescendant", options()[2]!.id);
    await user.keyboard("{ArrowDown}");
    // Past the last option it wraps to the first; up from the first goes to the last.
    expect(searchBox()).toHaveAttribute("aria-activedescendant", options()[0]!.id);
    await user.keyboard("{ArrowUp}");
    expect(searchBox()).toHaveAttribute("aria-activedescendant", options()[2]!.id);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(searchBox()).toHaveAttribute("aria-expanded", "false");
    expect(searchBox()).toHaveValue("ken");

    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(options()[1]).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/books/3"));
    expect(await screen.findByRole("heading", { level: 1, name: "The Pillars of the Earth" })).toBeInTheDocument();
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(searchBox()).toHaveValue("");
  });

  it("opens the results page on Enter with words", async () => {
    const books = catalog();
    server.use(anonymousRefresh, books.handler);
    const { user, router } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search books" });
    await user.type(searchBox(), "pillars of the ea{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/books"));
    expect(router.state.location.search).toBe("?q=pillars+of+the+ea");
    expect(await screen.findByRole("heading", { name: "Books matching “pillars of the ea”" })).toBeInTheDocument();
  });

  it("opens an ISBN's book straight away", async () => {
    const books = catalog();
    server.use(anonymousRefresh, books.handler, http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))));
    const { user, router } = renderApp("/");
    await screen.findByRole("combobox", { name: "Search books" });

    // Enter before the debounce has even fired: the ISBN is looked up at once.
    await user.type(searchBox(), `${ISBN}{Enter}`);
    await waitFor(() => expect(router.state.location.pathname).toBe("/books/1"));
    expect(await screen.findByRole("heading", { level: 1, name: "The Pillars of the Earth" })).toBeInTheDocument();
    expect(books.queries.map((query) => query.q)).toContain(ISBN);
  });
});
