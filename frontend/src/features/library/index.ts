// The library feature's public surface (the reader's library page and the book page's control), for app/ to compose.
export { useBookEntry } from "./api/get-book-entry";
export { libraryKeys } from "./api/query-keys";
export { LibraryControl } from "./components/library-control";
export { LibraryView } from "./components/library-view";
export { READER_LIBRARY_URL_KEYS } from "./api/get-reader-library";
export { ReaderLibrary } from "./components/reader-library";
