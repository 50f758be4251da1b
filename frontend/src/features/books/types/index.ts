import type { components, operations } from "@/types/api.gen";

type Schemas = components["schemas"];

export type BookSummary = Schemas["BookSummary"];
export type BookDetail = Schemas["BookDetail"];
export type BookAuthor = Schemas["BookAuthor"];
export type Edition = Schemas["Edition"];
export type EditionFormat = Schemas["FormatEnum"];
export type AuthorDetail = Schemas["AuthorDetail"];
export type AuthorBook = Schemas["AuthorBook"];
export type SeriesDetail = Schemas["SeriesDetail"];
export type SubjectWithCount = Schemas["SubjectList"];
export type Revision = Schemas["Revision"];
export type AuthorRole = Schemas["RoleEnum"];
export type BookWrite = Schemas["BookWriteRequest"];
export type BookPatch = Schemas["PatchedBookWriteRequest"];
export type EditionWrite = Schemas["EditionWriteRequest"];
export type EditionPatch = Schemas["PatchedEditionUpdateRequest"];
/** The 409 of `POST editions/` and `PATCH editions/{id}/`: `edition` already has the ISBN. */
export type DuplicateIsbn = Schemas["DuplicateIsbnResponse"];
export type BookLookup = Schemas["BookLookupRequest"];

export type PaginatedBooks = Schemas["PaginatedBookSummaryList"];
export type PaginatedSubjects = Schemas["PaginatedSubjectListList"];
export type PaginatedRevisions = Schemas["PaginatedRevisionList"];
export type PaginatedAuthorBooks = Schemas["PaginatedAuthorBookList"];

/** The query parameters of `GET books/`, as the search page keeps them in its URL. */
export type BookListParams = NonNullable<operations["books_list"]["parameters"]["query"]>;
export type BookOrdering = NonNullable<BookListParams["ordering"]>;

/** How `GET authors/{id}/books/` sorts an author's books; the first is the API's default. */
export type AuthorBookOrdering = NonNullable<
  NonNullable<operations["authors_books_list"]["parameters"]["query"]>["ordering"]
>;
export const AUTHOR_BOOK_ORDERINGS = [
  "-readers_count",
  "title",
  "-title",
  "first_published_year",
  "-first_published_year",
] as const satisfies readonly AuthorBookOrdering[];

export const AUTHOR_ROLES: readonly AuthorRole[] = [
  "author",
  "translator",
  "illustrator",
  "editor",
  "narrator",
  "contributor",
];
export const EDITION_FORMATS: readonly EditionFormat[] = ["paperback", "hardcover", "ebook", "audiobook", "other"];
/** The sort orders the search page offers (in this order). */
export const BOOK_ORDERINGS = [
  "relevance",
  "title",
  "-title",
  "first_published_year",
  "-first_published_year",
  "-readers_count",
  "-created_at",
] as const satisfies readonly BookOrdering[];
