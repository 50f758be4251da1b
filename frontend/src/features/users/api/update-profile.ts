import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { Me, ProfileUpdate } from "../types";
import { usersKeys } from "./query-keys";

/** PATCH /auth/me/ with any subset of the profile fields. */
export async function updateProfile(update: ProfileUpdate): Promise<Me> {
  const response = await api.patch<Me>("/auth/me/", update);
  return response.data;
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: async (me) => {
      queryClient.setQueryData(meQueryKey, me);
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}
