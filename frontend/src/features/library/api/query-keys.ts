import type { LibraryListParams } from "../types";

/** Everything this feature caches lives under "library", so a write can refresh it at once. */
export const libraryKeys = {
  all: ["library"] as const,
  lists: ["library", "list"] as const,
  list: (params: LibraryListParams) => ["library", "list", params] as const,
  forBook: (bookId: number) => ["library", "book", bookId] as const,
  readThroughs: (entryId: number) => ["library", "read-throughs", entryId] as const,
  /** Under its entry's readings, so that whatever refreshes the readings refreshes their progress too. */
  progress: (entryId: number, readThroughId: number) => ["library", "read-throughs", entryId, readThroughId, "progress"] as const,
  shelves: ["library", "shelves"] as const,
  tags: ["library", "tags"] as const,
};
