import Axios, { AxiosHeaders, isAxiosError, type InternalAxiosRequestConfig } from "axios";

import { env } from "@/config/env";
import { currentLanguage } from "@/lib/i18n";

declare module "axios" {
  interface AxiosRequestConfig {
    /** Never answer a 401 of this request with a token refresh (the token endpoints themselves). */
    skipAuthRefresh?: boolean;
    /** Set on the one retry after a refresh, so a request is retried at most once. */
    authRetried?: boolean;
  }
}

/**
 * What the API client needs from whoever owns the session (the auth feature).
 * The client keeps no token itself; the app wires the auth feature in at start-up,
 * so that `lib/` never imports a feature.
 */
export interface AuthBridge {
  getAccessToken: () => string | null;
  /** Ask the server for a new access token (the refresh cookie travels by itself). */
  refreshAccessToken: () => Promise<string>;
  /** A refresh failed: the session is over (or, at start-up, there was none). */
  onSessionExpired: () => void;
}

let authBridge: AuthBridge | null = null;
let inflightRefresh: Promise<string> | null = null;

export function configureAuth(bridge: AuthBridge | null): void {
  authBridge = bridge;
  inflightRefresh = null;
}

/**
 * Refresh the access token, single-flight: every caller that arrives while a
 * refresh is in progress shares it. The server rotates the refresh cookie on
 * each use, so two parallel refreshes would make the second one fail.
 * A failed refresh ends the session (once, however many callers were waiting).
 */
export function refreshAccessToken(): Promise<string> {
  const bridge = authBridge;
  if (!bridge) {
    return Promise.reject(new Error("The API client has no auth bridge configured."));
  }
  inflightRefresh ??= bridge
    .refreshAccessToken()
    .catch((error: unknown) => {
      bridge.onSessionExpired();
      throw error;
    })
    .finally(() => {
      inflightRefresh = null;
    });
  return inflightRefresh;
}

export const api = Axios.create({
  baseURL: env.API_BASE_URL,
  withCredentials: true,
  headers: { Accept: "application/json" },
});

function setBearer(config: InternalAxiosRequestConfig, token: string): void {
  config.headers = AxiosHeaders.from(config.headers);
  config.headers.set("Authorization", `Bearer ${token}`);
}

api.interceptors.request.use((config) => {
  config.headers.set("Accept-Language", currentLanguage());
  const token = authBridge?.getAccessToken();
  if (token && !config.headers.has("Authorization")) {
    setBearer(config, token);
  }
  return config;
});

api.interceptors.response.use(
  (response) => response,
  async (error: unknown) => {
    if (!isAxiosError(error) || error.response?.status !== 401 || !error.config) {
      throw error;
    }
    const config = error.config;
    // Only a request that was sent signed in can have failed because its token
    // expired; anonymous 401s and the token endpoints are answered as they are.
    const wasSignedIn = config.headers.has("Authorization");
    if (config.skipAuthRefresh || config.authRetried || !wasSignedIn || !authBridge) {
      throw error;
    }
    // A refresh that finished after this request left already gave us a newer token.
    const current = authBridge.getAccessToken();
    let token: string;
    if (current && config.headers.get("Authorization") !== `Bearer ${current}`) {
      token = current;
    } else {
      try {
        token = await refreshAccessToken();
      } catch {
        // The session is over; the caller sees the original 401.
        throw error;
      }
    }
    config.authRetried = true;
    setBearer(config, token);
    return api.request(config);
  },
);
