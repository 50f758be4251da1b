import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { anonymousRefresh, API, signedInAs } from "@/testing/mocks/handlers";
import { libraryEntry, page } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { FIRST_LOAD, preloadProfileRoute, readerProfile, serveProfile, stranger } from "@/testing/profile-route";
import { renderApp } from "@/testing/test-utils";

const reader: typeof readerProfile = (overrides = {}) => readerProfile({ counts: { followers: 1, following: 2 }, ...overrides });

// The public shape: no notes, no shelves.
function entry(id: number, title: string, overrides: Parameters<typeof libraryEntry>[2] = {}) {
  const { notes: _notes, shelves: _shelves, audience_is_default: _default, ...rest } = libraryEntry(id, title, overrides);
  return rest;
}

const shelves = [
  { id: 3, name: "Favourites", description: "", audience: "public", entries_count: 2, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" },
  { id: 4, name: "Beach reads", description: "", audience: "public", entries_count: 1, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" },
];

/** The profile and its library; every library request's parameters are recorded. */
function readerServer({ profile = reader(), results = [entry(1, "The Pillars of the Earth", { status: "read", rating: 4.5 })], next = null as string | null } = {}) {
  const requests: Record<string, string>[] = [];
  server.use(
    serveProfile(profile),
    http.get(`${API}/users/bob/library/`, ({ request }) => {
      requests.push(Object.fromEntries(new URL(request.url).searchParams));
      return HttpResponse.json(page(results, { next }));
    }),
    http.get(`${API}/users/bob/shelves/`, () => HttpResponse.json(page(shelves))),
  );
  return requests;
}

beforeAll(preloadProfileRoute);

describe("a reader's library on their profile", () => {
  it("shows their books, and a status tab filters them through the URL", async () => {
    server.use(anonymousRefresh);
    const requests = readerServer();
    const { router, user } = renderApp("/u/bob");

    const list = await screen.findByRole("list", { name: "Books in @bob's library" }, FIRST_LOAD);
    const card = within(list).getByTestId("reader-library-entry");
    expect(within(card).getByRole("link", { name: "The Pillars of the Earth" })).toHaveAttribute("href", "/books/1001");
    expect(card).toHaveTextContent("Ken Follett");
    expect(card).toHaveTextContent("Read");
    expect(within(card).getByRole("img", { name: "4.5 out of 5 stars" })).toBeInTheDocument();
    expect(requests.at(-1)).toEqual({ page: "1", page_size: "24" });

    const statuses = screen.getByRole("navigation", { name: "Filter by status" });
    expect(within(statuses).getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
    await user.click(within(statuses).getByRole("link", { name: "Did not finish" }));

    await waitFor(() => expect(requests.at(-1)).toMatchObject({ status: "did_not_finish" }));
    expect(router.state.location.search).toBe("?status=did_not_finish");
    expect(within(statuses).getByRole("link", { name: "Did not finish" })).toHaveAttribute("aria-current", "page");
    expect(within(statuses).getByRole("link", { name: "All" })).not.toHaveAttribute("aria-current");
  });

  it("starts from the filters and page in the URL; a shelf filters, and paging keeps the filters", async () => {
    server.use(anonymousRefresh);
    const requests = readerServer({ next: `${API}/users/bob/library/?page=3` });
    const { router, user } = renderApp("/u/bob?status=reading&shelf=4&page=2");

    await screen.findByTestId("reader-library-entry", {}, FIRST_LOAD);
    expect(requests.at(-1)).toEqual({ status: "reading", shelf: "4", page: "2", page_size: "24" });
    const shelfNav = screen.getByRole("navigation", { name: "Shelves" });
    expect(within(shelfNav).getByRole("link", { name: "Beach reads (1)" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByText("Page 2")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ page: "3", shelf: "4", status: "reading" }));
    expect(new URLSearchParams(router.state.location.search).get("page")).toBe("3");

    // Another shelf: back to the first page, the status kept.
    await user.click(within(shelfNav).getByRole("link", { name: "Favourites (2)" }));
    await waitFor(() => expect(requests.at(-1)).toEqual({ status: "reading", shelf: "3", page: "1", page_size: "24" }));
    expect(router.state.location.search).toBe("?status=reading&shelf=3");
  });

  it("explains a private profile's empty library to a stranger instead of spinning", async () => {
    server.use(anonymousRefresh);
    readerServer({ profile: reader({ profile_visibility: "private", can_view_profile: false, counts: undefined }), results: [] });
    renderApp("/u/bob");

    expect(await screen.findByTestId("profile-reading-privacy", {}, FIRST_LOAD)).toHaveTextContent(
      "@bob keeps their reading private: you only see what they share with everyone.",
    );
    expect(await screen.findByTestId("reader-library-empty")).toHaveTextContent("@bob shares no books here with you.");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("says so when the reader's library is not for this viewer (404: blocked)", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile()),
      http.get(`${API}/users/bob/library/`, () => HttpResponse.json({ detail: "Not found.", code: "not_found" }, { status: 404 })),
      http.get(`${API}/users/bob/shelves/`, () => HttpResponse.json({ detail: "Not found.", code: "not_found" }, { status: 404 })),
    );
    renderApp("/u/bob");
    expect(await screen.findByTestId("reader-library-unavailable", {}, FIRST_LOAD)).toHaveTextContent("You cannot see this reader's reading.");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("offers all the books when the shelf in the URL is not one the viewer may see", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile()),
      http.get(`${API}/users/bob/shelves/`, () => HttpResponse.json(page(shelves))),
      http.get(`${API}/users/bob/library/`, ({ request }) =>
        new URL(request.url).searchParams.has("shelf")
          ? HttpResponse.json({ shelf: ["Shelf not found."] }, { status: 400 })
          : HttpResponse.json(page([entry(1, "The Pillars of the Earth")])),
      ),
    );
    const { router, user } = renderApp("/u/bob?shelf=99");
    expect(await screen.findByText("This shelf is not available. Show all the books instead.", {}, FIRST_LOAD)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show all books" }));
    expect(await screen.findByTestId("reader-library-entry")).toHaveTextContent("The Pillars of the Earth");
    expect(router.state.location.search).toBe("");
  });

  it("links the owner's own profile to their editable library", async () => {
    const requests: string[] = [];
    server.use(
      ...signedInAs(),
      serveProfile(reader({ username: "ana", relationship: { ...stranger, is_self: true } })),
      http.get(`${API}/users/ana/library/`, ({ request }) => {
        requests.push(request.url);
        return HttpResponse.json(page([]));
      }),
      http.get(`${API}/users/ana/shelves/`, () => HttpResponse.json(page([]))),
    );
    renderApp("/u/ana");
    expect(await screen.findByRole("link", { name: "Edit my library" }, FIRST_LOAD)).toHaveAttribute("href", "/library");
    expect(await screen.findByTestId("reader-library-empty")).toHaveTextContent("Your library has no books here yet.");
    expect(screen.queryByTestId("profile-reading-privacy")).not.toBeInTheDocument();
    expect(requests).toHaveLength(1);
  });
});
