import { http, HttpResponse } from "msw";

import type { components } from "@/types/api.gen";

import { API } from "./mocks/handlers";

type Reader = components["schemas"]["Reader"];
type Relationship = components["schemas"]["Relationship"];

/** The first look at a profile waits for its lazy route and its requests (slow when the whole suite runs). */
export const FIRST_LOAD = { timeout: 5000 };

/** How a reader the viewer has nothing to do with relates to them. */
export const stranger: Relationship = { is_self: false, following: false, requested: false, followed_by: false, blocking: false };

/** GET users/bob/'s answer: a public profile, visible to a stranger; `overrides` change any of it. */
export function readerProfile(overrides: Partial<Reader> = {}): Reader {
  return {
    username: "bob",
    display_name: "Bob Reader",
    avatar: null,
    profile_visibility: "public",
    can_view_profile: true,
    relationship: stranger,
    ...overrides,
  };
}

/** A handler answering GET users/{username}/ (the profile's own username) with `profile`. */
export function serveProfile(profile: Reader) {
  return http.get(`${API}/users/${profile.username}/`, () => HttpResponse.json(profile));
}

/** Load the profile route's lazy module ahead of a test file's tests (for `beforeAll`). */
export async function preloadProfileRoute(): Promise<void> {
  await import("@/app/routes/users/profile");
}
