/**
 * Query keys more than one feature reads or writes. `GET /auth/me/` is read by the auth
 * feature (account menu) and the users feature (profile, settings), so they share one cache entry.
 */
export const meQueryKey = ["auth", "me"] as const;
