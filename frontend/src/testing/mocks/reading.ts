import { http, HttpResponse } from "msw";

import type { FeedBook, FeedItem } from "@/features/feed/types";
import type { LibraryEntry } from "@/features/library/types";
import type { Comment, Review } from "@/features/reviews/types";

import { bookSummary } from "./books";

const API = "/api/v1";

const emptyPage = { count: 0, next: null, previous: null, results: [] };

/**
 * Empty answers for the reading endpoints that pages load beside their main content (the home
 * page's feed, the book page's library control and reviews): a test adds what it is about.
 */
export const readingDefaults = [
  http.get(`${API}/feed/`, () => HttpResponse.json({ next: null, previous: null, results: [] })),
  http.get(`${API}/library/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/library/tags/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/shelves/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/books/:id/reviews/`, () => HttpResponse.json(emptyPage)),
  // A profile page's library, shelves, reviews and activity.
  http.get(`${API}/users/:username/library/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/users/:username/shelves/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/users/:username/reviews/`, () => HttpResponse.json(emptyPage)),
  http.get(`${API}/users/:username/activity/`, () => HttpResponse.json({ next: null, previous: null, results: [] })),
];

/** An entry as `GET library/` shows it to its owner. */
export function libraryEntry(id: number, title: string, overrides: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    id,
    book: bookSummary(id + 1000, title),
    edition: null,
    status: "want_to_read",
    owned: false,
    format: "",
    wishlist: false,
    notes: "",
    rating: null,
    tags: [],
    shelves: [],
    audience: "public",
    audience_is_default: true,
    position: id * 1024,
    finished_on: null,
    rated_at: null,
    read_throughs: [],
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

export function page<T>(results: T[], { next = null, previous = null }: { next?: string | null; previous?: string | null } = {}) {
  return { count: results.length, next, previous, results };
}

/** A review as `GET books/{id}/reviews/` lists it. */
export function review(id: number, overrides: Partial<Review> = {}): Review {
  return {
    id,
    user: { id: 20 + id, username: `reader${id}` },
    book: { id: 1, title: "The Pillars of the Earth", cover_url: "/api/v1/books/1/cover.svg" },
    rating: 4.5,
    title: `Review ${id}`,
    body: null,
    body_html: `<p>Text of review ${id}.</p>`,
    body_format: "plain",
    spoiler: false,
    content_warnings: [],
    audience: "public",
    likes_count: 2,
    comments_count: 0,
    liked: false,
    created_at: "2026-02-01T10:00:00Z",
    updated_at: "2026-02-01T10:00:00Z",
    ...overrides,
  };
}

export function comment(id: number, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    review: 1,
    user: { id: 30 + id, username: `commenter${id}` },
    parent: null,
    depth: 0,
    body: `Comment ${id}`,
    deleted: false,
    created_at: "2026-02-02T10:00:00Z",
    updated_at: "2026-02-02T10:00:00Z",
    ...overrides,
  };
}

export function feedBook(id: number, title = `Book ${id}`): FeedBook {
  return { id, title, authors: ["Ken Follett"], cover_url: `/api/v1/books/${id}/cover.svg` };
}

/** An activity as `GET feed/` shows it. */
export function feedItem(id: number, overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id,
    verb: "started",
    actor: { id: 8, username: "bea" },
    created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    book: feedBook(1, "The Pillars of the Earth"),
    rating: null,
    review: null,
    progress: null,
    status: null,
    shelf: null,
    target_user: null,
    books: [],
    books_count: 0,
    ...overrides,
  };
}
