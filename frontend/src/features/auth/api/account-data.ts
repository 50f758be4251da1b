import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import { useAuthStore } from "../stores/auth-store";

/** GET /auth/me/export/: everything the site holds about the reader, saved as a JSON file. */
export async function downloadAccountData(username: string): Promise<void> {
  const response = await api.get<Blob>("/auth/me/export/", { responseType: "blob" });
  const url = URL.createObjectURL(response.data);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = `mybookconnect-export-${username}.json`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has handed the file to the browser.
    window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
}

/** DELETE /auth/me/ {password}: deletes the account and everything tied to it. */
export async function deleteAccount(input: { password: string }): Promise<void> {
  await api.delete("/auth/me/", { data: input });
}

export const useDownloadAccountData = () => useMutation({ mutationFn: downloadAccountData });

/** Delete the account; the session ends with it (protected pages then send the reader home). */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      useAuthStore.getState().signOut({ onPurpose: true });
      queryClient.clear();
    },
  });
}
