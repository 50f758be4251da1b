// The books feature's public surface (catalog pages, search, add and edit books and editions), for app/ to compose.
export { AddBookForm } from "./components/add-book-form";
export { AddEdition } from "./components/add-edition-form";
export { BookHistory } from "./components/book-history";
export { BookSearchBox } from "./components/book-search-box";
export { BookSearchResults } from "./components/book-search-results";
export { BookView } from "./components/book-view";
export { AuthorView, SeriesView, SubjectsList } from "./components/catalog-pages";
export { EditBook } from "./components/edit-book-form";
export { EditEdition } from "./components/edit-edition-form";
export { AUTHOR_BOOK_ORDERINGS, type AuthorBookOrdering } from "./types";
