import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { AvatarUpload, Me } from "../types";
import { usersKeys } from "./query-keys";

/**
 * PUT /auth/me/avatar/ (multipart): the image as the reader chose it, plus the square they
 * cropped, in the image's own pixels. The server decodes, crops and re-encodes it.
 */
export async function uploadAvatar({ file, crop }: AvatarUpload): Promise<Me> {
  const body = new FormData();
  body.append("avatar", file, file instanceof File ? file.name : "avatar.png");
  if (crop) {
    body.append("crop_x", String(crop.x));
    body.append("crop_y", String(crop.y));
    body.append("crop_size", String(crop.size));
  }
  const response = await api.put<Me>("/auth/me/avatar/", body);
  return response.data;
}

/** DELETE /auth/me/avatar/. */
export async function deleteAvatar(): Promise<void> {
  await api.delete("/auth/me/avatar/");
}

export function useUploadAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAvatar,
    onSuccess: async (me) => {
      queryClient.setQueryData(meQueryKey, me);
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}

export function useDeleteAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAvatar,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}
