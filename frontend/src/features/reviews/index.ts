// The reviews feature's public surface (the book page's reviews and discussion), for app/ to compose.
export { reviewsKeys } from "./api/query-keys";
export { BookReviews } from "./components/book-reviews";
export { ReaderReviews } from "./components/reader-reviews";
