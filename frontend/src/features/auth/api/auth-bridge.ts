import type { AuthBridge } from "@/lib/api-client";

import { useAuthStore } from "../stores/auth-store";
import { refreshSession } from "./session";

/** Connects the shared API client to the auth store; the app installs it with `configureAuth()`. */
export const authBridge: AuthBridge = {
  getAccessToken: () => useAuthStore.getState().accessToken,
  refreshAccessToken: async () => {
    const { access } = await refreshSession();
    useAuthStore.getState().signIn(access);
    return access;
  },
  onSessionExpired: () => useAuthStore.getState().signOut(),
};
