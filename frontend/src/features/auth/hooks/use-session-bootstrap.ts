import { useEffect } from "react";

import { refreshAccessToken } from "@/lib/api-client";

import { useAuthStore } from "../stores/auth-store";
import type { AuthStatus } from "../types";

/**
 * On start-up, try to renew the session from the refresh cookie so that a reload
 * keeps the reader signed in. Returns the auth status; "unknown" until it settles.
 */
export function useSessionBootstrap(): AuthStatus {
  const status = useAuthStore((state) => state.status);

  useEffect(() => {
    if (useAuthStore.getState().status !== "unknown") return;
    // refreshAccessToken is single-flight, so StrictMode's double effect sends one request;
    // on failure the auth bridge marks the reader anonymous.
    refreshAccessToken().catch(() => undefined);
  }, []);

  return status;
}
