import type { AuthorBook, AuthorDetail, BookDetail, BookSummary, Edition } from "@/features/books/types";

/** A book as `GET books/` lists it. */
export function bookSummary(id: number, title: string, overrides: Partial<BookSummary> = {}): BookSummary {
  return {
    id,
    title,
    subtitle: "",
    first_published_year: 1989,
    authors: [{ id: 10, name: "Ken Follett", role: "author" }],
    cover_url: `/api/v1/books/${id}/cover.svg`,
    average_rating: null,
    ratings_count: 0,
    readers_count: 0,
    ...overrides,
  };
}

export function edition(id: number, overrides: Partial<Edition> = {}): Edition {
  return {
    id,
    book: 1,
    title: "",
    isbn_10: "0451166892",
    isbn_13: "9780451166890",
    publisher: "Signet",
    publication_year: 1990,
    publication_month: 8,
    publication_day: null,
    publication_date: "1990-08",
    pages: 973,
    format: "paperback",
    language: "en",
    cover_url: "",
    openlibrary_edition_id: null,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

/** A book as `GET books/{id}/` shows it: two authors, a series, subjects, editions, ratings. */
export function bookDetail(id = 1, overrides: Partial<BookDetail> = {}): BookDetail {
  return {
    ...bookSummary(id, "The Pillars of the Earth"),
    subtitle: "A Novel",
    authors: [
      { id: 10, name: "Ken Follett", role: "author" },
      { id: 11, name: "Ana Traductora", role: "translator" },
    ],
    average_rating: "4.25",
    ratings_count: 20,
    readers_count: 31,
    reviews_count: 3,
    description: "Set in <b>twelfth-century</b> England.\nA cathedral rises.",
    original_language: "en",
    openlibrary_work_id: null,
    series: [{ id: 5, name: "Kingsbridge", position: "1.00" }],
    subjects: [
      { id: 7, name: "Historical fiction", slug: "historical-fiction" },
      { id: 8, name: "Architecture", slug: "architecture" },
    ],
    editions: [edition(100), edition(101, { format: "hardcover", publisher: "Macmillan", isbn_10: null, isbn_13: "9780333519837", pages: null, publication_date: "1989" })],
    rating_histogram: { "5": 8, "4.5": 2, "4": 5, "3": 4, "1": 1 },
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}

/** One of an author's books, as `GET authors/{id}/` and `GET authors/{id}/books/` show it. */
export function authorBook(id: number, title: string, overrides: Partial<AuthorBook> = {}): AuthorBook {
  return {
    id,
    title,
    subtitle: "",
    first_published_year: 1989,
    cover_url: `/api/v1/books/${id}/cover.svg`,
    role: "author",
    ...overrides,
  };
}

/** An author as `GET authors/{id}/` shows them: `books` are their most-read books, `books_count` all of them. */
export function authorDetail(id: number, books: AuthorBook[], overrides: Partial<AuthorDetail> = {}): AuthorDetail {
  return {
    id,
    name: "Ken Follett",
    sort_name: "Follett, Ken",
    other_names: ["K. Follett"],
    bio: "Welsh author.",
    birth_year: 1949,
    death_year: null,
    photo_url: "",
    openlibrary_id: null,
    books_count: books.length,
    books,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}
