import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { Edition } from "../types";
import { booksKeys } from "./query-keys";

/** GET /editions/{id}/; a merged id answers 301 and the browser follows it to the survivor. */
export async function getEdition(id: number, signal?: AbortSignal): Promise<Edition> {
  const response = await api.get<Edition>(`/editions/${id}/`, { signal });
  return response.data;
}

/** One edition; `id` null (or not a positive integer) asks nothing. */
export function useEdition(id: number | null) {
  return useQuery({
    queryKey: booksKeys.edition(id ?? 0),
    queryFn: ({ signal }) => getEdition(id ?? 0, signal),
    enabled: id !== null && Number.isInteger(id) && id > 0,
  });
}
