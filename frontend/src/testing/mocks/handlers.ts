import { http, HttpResponse } from "msw";

import type { Account } from "@/features/auth";

export const API = "/api/v1";

export const testAccount: Account = {
  id: 7,
  username: "ana",
  email: "ana@example.com",
  date_joined: "2024-03-01T10:00:00Z",
};

/** No refresh cookie: the start-up refresh answers 401. */
export const anonymousRefresh = http.post(`${API}/auth/session/refresh/`, () =>
  HttpResponse.json({ detail: "No refresh cookie.", code: "token_not_valid" }, { status: 401 }),
);

/** A working login and `me` for `testAccount`. */
export const signedInApi = [
  http.post(`${API}/auth/session/`, () => HttpResponse.json({ access: "access-1" })),
  http.get(`${API}/auth/me/`, ({ request }) =>
    request.headers.get("Authorization") === "Bearer access-1"
      ? HttpResponse.json(testAccount)
      : HttpResponse.json({ detail: "Not authenticated.", code: "not_authenticated" }, { status: 401 }),
  ),
  http.post(`${API}/auth/session/logout/`, () => new HttpResponse(null, { status: 204 })),
];
