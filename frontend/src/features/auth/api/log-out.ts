import { useMutation, useQueryClient } from "@tanstack/react-query";

import { useAuthStore } from "../stores/auth-store";
import { deleteSession } from "./session";

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSession,
    // Signed out locally even if the server could not be told: the access token is gone either way.
    onSettled: () => {
      useAuthStore.getState().signOut();
      queryClient.clear();
    },
  });
}
