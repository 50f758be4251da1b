import { create } from "zustand";

import type { AuthStatus } from "../types";

export interface AuthState {
  /** The short-lived access token. Memory only: never written to any storage. */
  accessToken: string | null;
  /** "unknown" until the start-up refresh has settled. */
  status: AuthStatus;
  /** The reader ended the session themselves (deleted the account): protected pages send them home, not to login. */
  leftOnPurpose: boolean;
  signIn: (accessToken: string) => void;
  signOut: (options?: { onPurpose?: boolean }) => void;
}

export const useAuthStore = create<AuthState>()((set) => ({
  accessToken: null,
  status: "unknown",
  leftOnPurpose: false,
  signIn: (accessToken) => set({ accessToken, status: "authenticated", leftOnPurpose: false }),
  signOut: ({ onPurpose = false } = {}) => set({ accessToken: null, status: "anonymous", leftOnPurpose: onPurpose }),
}));

export const selectIsAuthenticated = (state: AuthState): boolean => state.status === "authenticated";
