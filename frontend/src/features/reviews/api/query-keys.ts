import type { ReviewOrdering } from "../types";

/** Everything this feature caches lives under "reviews", so a write can refresh it at once. */
export const reviewsKeys = {
  all: ["reviews"] as const,
  bookLists: (bookId: number) => ["reviews", "book", bookId] as const,
  bookList: (bookId: number, ordering: ReviewOrdering, page: number) => ["reviews", "book", bookId, ordering, page] as const,
  detail: (id: number) => ["reviews", "detail", id] as const,
  comments: (reviewId: number) => ["reviews", "comments", reviewId] as const,
};
