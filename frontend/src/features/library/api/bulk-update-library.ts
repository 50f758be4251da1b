import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { BulkRequest, BulkResult } from "../types";
import { libraryKeys } from "./query-keys";

/** POST library/bulk/: one action on many entries, in one transaction (all or nothing). */
export async function bulkUpdateLibrary(body: BulkRequest): Promise<BulkResult> {
  const response = await api.post<BulkResult>("/library/bulk/", body);
  return response.data;
}

export function useBulkUpdateLibrary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateLibrary,
    onSettled: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
}
