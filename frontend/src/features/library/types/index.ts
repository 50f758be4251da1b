import type { components, operations } from "@/types/api.gen";

type Schemas = components["schemas"];

export type ReadingStatus = Schemas["ReadingStatusEnum"];
export type LibraryFormat = Schemas["LibraryFormatEnum"];
export type Audience = Schemas["AudienceEnum"];
export type BulkAction = Schemas["LibraryBulkActionEnum"];

/**
 * One reader x one book, as `GET library/` shows it to its owner. The schema leaves out the
 * blank format of an entry whose format was never set, which the API does send.
 */
export type LibraryEntry = Omit<Schemas["LibraryEntry"], "format"> & { readonly format: LibraryFormat | "" };
export type PaginatedLibraryEntries = Omit<Schemas["PaginatedLibraryEntryList"], "results"> & { results: LibraryEntry[] };
/** What `POST library/` takes (the book is required; adding it again updates the entry). */
export type LibraryEntryCreate = Schemas["LibraryEntryWriteRequest"];
export type LibraryEntryPatch = Schemas["PatchedLibraryEntryUpdateRequest"];

/** The query parameters of `GET library/`, as the library page keeps them in its URL. */
export type LibraryListParams = NonNullable<operations["library_list"]["parameters"]["query"]>;
export type LibraryOrdering = NonNullable<LibraryListParams["ordering"]>;

export type BulkRequest = Schemas["BulkActionRequest"];
export type BulkResult = Schemas["BulkResult"];

export type ReadThrough = Schemas["ReadThrough"];
export type ReadThroughWrite = Schemas["ReadThroughWriteRequest"];
export type PaginatedReadThroughs = Schemas["PaginatedReadThroughList"];
export type ProgressUpdate = Schemas["ProgressUpdate"];
export type ProgressWrite = Schemas["ProgressUpdateRequest"];
export type PaginatedProgressUpdates = Schemas["PaginatedProgressUpdateList"];

export type Shelf = Schemas["Shelf"];
export type ShelfWrite = Schemas["ShelfRequest"];
export type ShelfPatch = Schemas["PatchedShelfRequest"];
export type PaginatedShelves = Schemas["PaginatedShelfList"];
export type LibraryTag = Schemas["LibraryTag"];
export type PaginatedTags = Schemas["PaginatedLibraryTagList"];

export const READING_STATUSES = [
  "want_to_read",
  "reading",
  "read",
  "did_not_finish",
  "paused",
] as const satisfies readonly ReadingStatus[];

export const LIBRARY_FORMATS = ["physical", "ebook", "audiobook"] as const satisfies readonly LibraryFormat[];

export const AUDIENCES = ["public", "followers", "private"] as const satisfies readonly Audience[];

/** The sort orders the library page offers (in this order; the first is the API's default). */
export const LIBRARY_ORDERINGS = [
  "-added",
  "added",
  "title",
  "-title",
  "author",
  "-author",
  "-rating",
  "rating",
  "-finished",
  "finished",
  "position",
] as const satisfies readonly LibraryOrdering[];

export const BULK_ACTIONS = [
  "set_status",
  "set_format",
  "set_owned",
  "set_wishlist",
  "set_audience",
  "add_to_shelf",
  "remove_from_shelf",
  "add_tag",
  "remove_tag",
  "delete",
] as const satisfies readonly BulkAction[];

export const PROGRESS_UNITS = ["page", "percent", "minutes"] as const;
export type ProgressUnit = (typeof PROGRESS_UNITS)[number];
