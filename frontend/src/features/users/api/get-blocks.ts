import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { PaginatedBlocks } from "../types";
import { usersKeys } from "./query-keys";

/** GET /blocks/: the readers I blocked. */
export async function getBlocks(page: number, signal?: AbortSignal): Promise<PaginatedBlocks> {
  const response = await api.get<PaginatedBlocks>("/blocks/", { params: { page }, signal });
  return response.data;
}

export function useBlocks(page: number) {
  return useQuery({
    queryKey: usersKeys.blocks(page),
    queryFn: ({ signal }) => getBlocks(page, signal),
    placeholderData: keepPreviousData,
  });
}
