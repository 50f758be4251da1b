import { api } from "@/lib/api-client";

import type { AccessToken, LoginCredentials } from "../types";

// The refresh token never appears here: the server sets it as an HttpOnly cookie
// scoped to /api/v1/auth/session/, and the browser sends it back by itself.

/** POST /auth/session/: log in, receive an access token. */
export async function createSession(credentials: LoginCredentials): Promise<AccessToken> {
  const response = await api.post<AccessToken>("/auth/session/", credentials, { skipAuthRefresh: true });
  return response.data;
}

/** POST /auth/session/refresh/: trade the refresh cookie for a new access token. */
export async function refreshSession(): Promise<AccessToken> {
  const response = await api.post<AccessToken>("/auth/session/refresh/", null, { skipAuthRefresh: true });
  return response.data;
}

/** POST /auth/session/logout/: revoke the refresh cookie. */
export async function deleteSession(): Promise<void> {
  await api.post("/auth/session/logout/", null, { skipAuthRefresh: true });
}
