import { http, HttpResponse } from "msw";

import type { Me } from "@/features/users";

export const API = "/api/v1";

export const testAccount: Me = {
  id: 7,
  username: "ana",
  email: "ana@example.com",
  date_joined: "2024-03-01T10:00:00Z",
  profile: {
    display_name: "Ana Lectora",
    bio: "",
    location: "",
    birth_date: null,
    website: "",
    favourite_genres: [],
    avatar: null,
    profile_visibility: "public",
    approve_followers: false,
    show_follow_lists: true,
    searchable: true,
  },
  counts: { followers: 0, following: 0, follow_requests: 0 },
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

/** A refresh cookie that works: the app starts signed in as `testAccount`. */
export const signedInRefresh = http.post(`${API}/auth/session/refresh/`, () => HttpResponse.json({ access: "access-1" }));

/** Start signed in, with `me` answering `account` (default `testAccount`). */
export function signedInAs(account: Me = testAccount) {
  return [
    signedInRefresh,
    http.get(`${API}/auth/me/`, () => HttpResponse.json(account)),
    http.post(`${API}/auth/session/logout/`, () => new HttpResponse(null, { status: 204 })),
  ];
}

/** The messages shown under a labelled input (its aria-describedby target). */
export function describedText(input: HTMLElement): string {
  const describedBy = input.getAttribute("aria-describedby");
  if (!describedBy) return "";
  return document.getElementById(describedBy)?.textContent ?? "";
}
