import { act, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { API, signedInAs } from "@/testing/mocks/handlers";
import { feedBook, feedItem } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { FeedItem } from "../types";
import { relativeTime } from "../utils/relative-time";

/** A stand-in IntersectionObserver whose targets the test scrolls into view. */
class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly targets: Element[] = [];
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element) {
    this.targets.push(target);
  }
  disconnect() {
    this.targets.length = 0;
  }
  unobserve() {}
  takeRecords() {
    return [];
  }
  /** Everything observed comes into view. */
  static scrollToEnd() {
    for (const observer of FakeIntersectionObserver.instances) {
      if (observer.targets.length === 0) continue;
      observer.callback(
        observer.targets.map((target) => ({ isIntersecting: true, target }) as IntersectionObserverEntry),
        observer as unknown as IntersectionObserver,
      );
    }
  }
}

beforeAll(preloadReadingRoutes);

beforeEach(() => {
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal("IntersectionObserver", FakeIntersectionObserver);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const grouped = feedItem(2, {
  verb: "shelved",
  status: "want_to_read",
  book: null,
  books: [feedBook(11), feedBook(12), feedBook(13), feedBook(14)],
  books_count: 50,
});

const items: FeedItem[] = [
  feedItem(1, { verb: "started" }),
  grouped,
  feedItem(3, {
    verb: "reviewed",
    rating: 4.5,
    review: { id: 5, title: "A cathedral of a book", excerpt: "The ending is a surprise.", spoiler: true },
  }),
  feedItem(4, { verb: "rated", rating: 3.5, book: feedBook(2, "World Without End") }),
  feedItem(5, { verb: "progress", progress: { page: 120, percent: null, minutes: null } }),
  feedItem(6, { verb: "followed", book: null, target_user: { id: 9, username: "carla" } }),
  feedItem(7, { verb: "shelved", book: null, shelf: { id: 3, name: "Favourites" }, books: [feedBook(15, "Fall of Giants")], books_count: 1 }),
];

const sentences = () => screen.getAllByTestId("feed-item").map((item) => item.querySelector("p")?.textContent);

describe("home page feed", () => {
  it("draws each kind of activity, grouped ones as one item", async () => {
    server.use(...signedInAs(), http.get(`${API}/feed/`, () => HttpResponse.json({ next: null, previous: null, results: items })));
    const { user } = renderApp("/");

    expect(await screen.findAllByTestId("feed-item")).toHaveLength(7);
    expect(screen.getByRole("heading", { name: "Reading activity" })).toBeInTheDocument();
    expect(sentences()).toEqual([
      "@bea started reading The Pillars of the Earth",
      "@bea added 50 books to their to-read list",
      "@bea reviewed The Pillars of the Earth",
      "@bea rated World Without End",
      "@bea is at page 120 of The Pillars of the Earth",
      "@bea started following @carla",
      "@bea added Fall of Giants to the shelf “Favourites”",
    ]);

    const group = screen.getAllByTestId("feed-item")[1] as HTMLElement;
    const books = within(group).getByRole("list", { name: "Books" });
    expect(within(books).getAllByRole("link", { name: /Book 1\d/ })).toHaveLength(4);
    expect(within(group).getByText("and 46 more")).toBeInTheDocument();

    const reviewed = screen.getAllByTestId("feed-item")[2] as HTMLElement;
    expect(within(reviewed).getByRole("img", { name: "4.5 out of 5 stars" })).toBeInTheDocument();
    expect(within(reviewed).queryByText("The ending is a surprise.")).not.toBeInTheDocument();
    await user.click(within(reviewed).getByRole("button", { name: "Show" }));
    expect(within(reviewed).getByTestId("feed-review-excerpt")).toHaveTextContent("The ending is a surprise.");
    expect(within(reviewed).getByRole("link", { name: "Read the review" })).toHaveAttribute("href", "/books/1");
    expect(screen.getByText("You are all caught up.")).toBeInTheDocument();
  });

  it("loads the next page by cursor when the end scrolls into view", async () => {
    const cursors: (string | null)[] = [];
    server.use(
      ...signedInAs(),
      http.get(`${API}/feed/`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        cursors.push(cursor);
        if (!cursor) {
          return HttpResponse.json({
            next: "http://testserver/api/v1/feed/?cursor=cD0yMDI2&page_size=20",
            previous: null,
            results: [feedItem(1), feedItem(2, { verb: "finished", rating: 5 })],
          });
        }
        return HttpResponse.json({ next: null, previous: null, results: [feedItem(3, { verb: "stopped" })] });
      }),
    );
    renderApp("/");
    expect(await screen.findAllByTestId("feed-item")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Load more" })).toBeInTheDocument();
    await waitFor(() => expect(FakeIntersectionObserver.instances.some((observer) => observer.targets.length > 0)).toBe(true));

    act(() => FakeIntersectionObserver.scrollToEnd());
    await waitFor(() => expect(screen.getAllByTestId("feed-item")).toHaveLength(3));
    expect(cursors).toEqual([null, "cD0yMDI2"]);
    expect(sentences().at(-1)).toBe("@bea stopped reading The Pillars of the Earth");
    expect(await screen.findByText("You are all caught up.")).toBeInTheDocument();
    // No more pages: scrolling again asks for nothing.
    act(() => FakeIntersectionObserver.scrollToEnd());
    expect(cursors).toHaveLength(2);
  });

  it("points a reader with an empty feed to people and their library", async () => {
    server.use(...signedInAs());
    renderApp("/");
    expect(await screen.findByText(/Nothing here yet/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open my library" })).toHaveAttribute("href", "/library");
  });

  it("speaks Spanish", async () => {
    server.use(...signedInAs(), http.get(`${API}/feed/`, () => HttpResponse.json({ next: null, previous: null, results: [grouped, items[3] as FeedItem] })));
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage("es");
    renderApp("/");
    expect(await screen.findByText("y 46 más")).toBeInTheDocument();
    expect(sentences()).toEqual(["@bea añadió 50 libros a su lista de pendientes", "@bea valoró World Without End"]);
    expect(screen.getByRole("img", { name: "3,5 de 5 estrellas" })).toBeInTheDocument();
  });

  it("says when things happened, in words", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(relativeTime("2026-03-01T11:55:00Z", "en", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-02-28T12:00:00Z", "en", now)).toBe("yesterday");
    expect(relativeTime("2026-03-01T09:00:00Z", "es", now)).toBe("hace 3 horas");
  });
});
