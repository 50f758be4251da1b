import { create } from "zustand";

import type { AuthStatus } from "../types";

export interface AuthState {
  /** The short-lived access token. Memory only: never written to any storage. */
  accessToken: string | null;
  /** "unknown" until the start-up refresh has settled. */
  status: AuthStatus;
  signIn: (accessToken: string) => void;
  signOut: () => void;
}

export const useAuthStore = create<AuthState>()((set) => ({
  accessToken: null,
  status: "unknown",
  signIn: (accessToken) => set({ accessToken, status: "authenticated" }),
  signOut: () => set({ accessToken: null, status: "anonymous" }),
}));

export const selectIsAuthenticated = (state: AuthState): boolean => state.status === "authenticated";
