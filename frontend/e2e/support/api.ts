import { expect, type APIRequestContext } from "@playwright/test";

import { PASSWORD } from "./readers";

export type AuthHeaders = { Authorization: string };

/** Register a reader through the API and sign in: the headers to act as them. */
export async function apiReader(request: APIRequestContext, username: string): Promise<AuthHeaders> {
  const created = await request.post("/api/v1/auth/register/", {
    data: { username, email: `${username}@example.com`, password: PASSWORD },
  });
  expect(created.status()).toBe(201);
  const tokens = await request.post("/api/v1/auth/token/", { data: { username, password: PASSWORD } });
  expect(tokens.status()).toBe(200);
  const { access } = (await tokens.json()) as { access: string };
  return { Authorization: `Bearer ${access}` };
}

/** Add a book to the catalog; returns its id. */
export async function apiBook(request: APIRequestContext, headers: AuthHeaders, title: string, pages?: number): Promise<number> {
  const created = await request.post("/api/v1/books/", {
    headers,
    data: { title, authors: [{ name: "Ken Follett", role: "author" }], first_published_year: 1989 },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  if (pages) {
    const edition = await request.post("/api/v1/editions/", { headers, data: { book: id, pages, format: "paperback" } });
    expect(edition.status()).toBe(201);
  }
  return id;
}

/** Put a book in the reader's library (or change its entry); returns the entry's id. */
export async function apiShelve(
  request: APIRequestContext,
  headers: AuthHeaders,
  book: number,
  data: Record<string, unknown> = {},
): Promise<number> {
  const response = await request.post("/api/v1/library/", { headers, data: { book, ...data } });
  expect([200, 201]).toContain(response.status());
  const { id } = (await response.json()) as { id: number };
  return id;
}

/** `follower` follows `username` (a public profile: no approval needed). */
export async function apiFollow(request: APIRequestContext, follower: AuthHeaders, username: string): Promise<void> {
  const response = await request.post(`/api/v1/users/${username}/follow/`, { headers: follower });
  expect([200, 201]).toContain(response.status());
}
