import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { LibraryTag, PaginatedTags } from "../types";
import { libraryKeys } from "./query-keys";

/** GET library/tags/: the reader's own tags (the first hundred) with how many entries carry each. */
export async function getTags(signal?: AbortSignal): Promise<LibraryTag[]> {
  const response = await api.get<PaginatedTags>("/library/tags/", { params: { page_size: 100 }, signal });
  return response.data.results;
}

export function useLibraryTags({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: libraryKeys.tags, queryFn: ({ signal }) => getTags(signal), enabled });
}
