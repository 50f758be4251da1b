import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { anonymousRefresh, API, signedInAs } from "@/testing/mocks/handlers";
import { libraryEntry, page } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { LibraryEntry } from "../types";

function libraryServer(entries: LibraryEntry[]) {
  const requests: Record<string, string>[] = [];
  let current = [...entries];
  const handlers = [
    http.get(`${API}/library/`, ({ request }) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      requests.push(params);
      return HttpResponse.json(page(current));
    }),
    http.get(`${API}/shelves/`, () =>
      HttpResponse.json(page([{ id: 3, name: "Favourites", description: "", audience: "public", entries_count: 2 }])),
    ),
    http.get(`${API}/library/tags/`, () => HttpResponse.json(page([{ id: 1, name: "classics", entries_count: 2 }]))),
  ];
  return {
    handlers,
    requests,
    setEntries: (next: LibraryEntry[]) => {
      current = next;
    },
  };
}

/** jsdom has no DataTransfer: enough of one for HTML5 drag and drop. */
function fakeDataTransfer() {
  const data = new Map<string, string>();
  return {
    effectAllowed: "",
    dropEffect: "",
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? "",
  };
}

const entries = [
  libraryEntry(1, "The Pillars of the Earth", { status: "read", rating: 4.5, finished_on: "2025-03-02", tags: ["classics"] }),
  libraryEntry(2, "World Without End", { status: "want_to_read" }),
  libraryEntry(3, "A Column of Fire", { status: "want_to_read" }),
];

beforeAll(preloadReadingRoutes);

describe("library page", () => {
  it("reads its filters from the URL, keeps changes there and survives a reload", async () => {
    const library = libraryServer(entries);
    server.use(...signedInAs(), ...library.handlers);
    const { user, router, unmount } = renderApp("/library?status=read&tag=classics&rating_min=4&ordering=-rating");

    const pillars = await screen.findByText("The Pillars of the Earth", {}, { timeout: 3_000 });
    expect(pillars.closest("a")).toHaveAttribute("href", "/books/1001");
    expect(library.requests.at(-1)).toEqual({
      status: "read",
      tag: "classics",
      rating_min: "4",
      ordering: "-rating",
      page: "1",
      page_size: "24",
    });
    expect(screen.getByText("3 books")).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveValue("read");
    expect(await screen.findByText("classics (2)")).toBeInTheDocument();
    expect(screen.getByLabelText("4.5 out of 5 stars")).toBeInTheDocument();

    // A choice in a list applies at once; words apply on submit.
    expect(await screen.findByText("Favourites")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Shelf"), "3");
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("shelf")).toBe("3"));
    await user.type(screen.getByLabelText("Search my library"), "pillars");
    await user.type(screen.getByLabelText("Year finished"), "2025");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() =>
      expect(library.requests.at(-1)).toMatchObject({ shelf: "3", q: "pillars", finished_year: "2025", status: "read" }),
    );
    const search = router.state.location.search;

    // Reload: the same address gives the same filters.
    unmount();
    renderApp(`/library${search}`);
    expect(await screen.findByLabelText("Search my library")).toHaveValue("pillars");
    expect(screen.getByLabelText("Shelf")).toHaveValue("3");
    expect(library.requests.at(-1)).toMatchObject({ shelf: "3", q: "pillars", finished_year: "2025", tag: "classics" });
  }, 20_000);

  it("checks the year before searching", async () => {
    server.use(...signedInAs(), ...libraryServer(entries).handlers);
    const { user } = renderApp("/library");
    await user.type(await screen.findByLabelText("Year finished"), "20x5");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(screen.getByText("Enter a year such as 2025.")).toBeInTheDocument();
  });

  it("switches between grid and list, and keeps the view in the URL", async () => {
    server.use(...signedInAs(), ...libraryServer(entries).handlers);
    const { user, router } = renderApp("/library");
    expect(await screen.findByTestId("library-grid")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "List" }));
    expect(await screen.findByTestId("library-list")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?view=list");
    expect(screen.getByRole("button", { name: "List" })).toHaveAttribute("aria-pressed", "true");
  });

  it("applies one action to the selected entries and shows the server's refusal", async () => {
    const library = libraryServer(entries);
    const bodies: unknown[] = [];
    let refuse = true;
    server.use(
      ...signedInAs(),
      ...library.handlers,
      http.post(`${API}/library/bulk/`, async ({ request }) => {
        bodies.push(await request.json());
        if (refuse) {
          refuse = false;
          return HttpResponse.json({ entries: ["Unknown entries: 2."] }, { status: 400 });
        }
        return HttpResponse.json({ updated: 2 });
      }),
    );
    const { user } = renderApp("/library");

    await user.click(await screen.findByRole("checkbox", { name: "Select “The Pillars of the Earth”" }));
    await user.click(screen.getByRole("checkbox", { name: "Select “World Without End”" }));
    const bar = screen.getByRole("form", { name: "Change the selected books" });
    expect(within(bar).getByText("2 selected")).toBeInTheDocument();

    // No value chosen yet.
    await user.click(within(bar).getByRole("button", { name: "Apply to selected" }));
    expect(within(bar).getByText("Choose a value for this action.")).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await user.selectOptions(within(bar).getByLabelText("Value"), "paused");
    await user.click(within(bar).getByRole("button", { name: "Apply to selected" }));
    expect(await within(bar).findByText("Unknown entries: 2.")).toBeInTheDocument();

    await user.click(within(bar).getByRole("button", { name: "Apply to selected" }));
    expect(await screen.findByText("2 books updated.")).toBeInTheDocument();
    expect(bodies).toEqual([
      { entries: [1, 2], action: "set_status", value: "paused" },
      { entries: [1, 2], action: "set_status", value: "paused" },
    ]);
    expect(screen.queryByRole("form", { name: "Change the selected books" })).not.toBeInTheDocument();
  });

  it("adds the selection to a shelf and selects a whole page at once", async () => {
    const bodies: unknown[] = [];
    server.use(
      ...signedInAs(),
      ...libraryServer(entries).handlers,
      http.post(`${API}/library/bulk/`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ updated: 3 });
      }),
    );
    const { user } = renderApp("/library");
    await user.click(await screen.findByLabelText("Select all on this page"));
    const bar = screen.getByRole("form", { name: "Change the selected books" });
    await user.selectOptions(within(bar).getByLabelText("Action"), "add_to_shelf");
    await user.selectOptions(within(bar).getByLabelText("Value"), "3");
    await user.click(within(bar).getByRole("button", { name: "Apply to selected" }));
    await waitFor(() => expect(bodies).toEqual([{ entries: [1, 2, 3], action: "add_to_shelf", value: 3 }]));
  });

  it("reorders the to-read list by buttons and by dragging, and persists each move", async () => {
    const toRead = [
      libraryEntry(2, "World Without End"),
      libraryEntry(3, "A Column of Fire"),
      libraryEntry(4, "The Evening and the Morning"),
    ];
    const library = libraryServer(toRead);
    const moves: { id: string; body: unknown }[] = [];
    server.use(
      ...signedInAs(),
      ...library.handlers,
      http.post(`${API}/library/:id/move/`, async ({ params, request }) => {
        moves.push({ id: String(params.id), body: await request.json() });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user, router } = renderApp("/library");
    await user.click(await screen.findByRole("button", { name: "Arrange my to-read list" }));
    await waitFor(() =>
      expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
        status: "want_to_read",
        ordering: "position",
        view: "list",
      }),
    );
    expect(await screen.findByText(/Drag books/)).toBeInTheDocument();
    await waitFor(() => expect(library.requests.at(-1)).toMatchObject({ ordering: "position", page_size: "100" }));

    const titles = () => within(screen.getByTestId("library-list")).getAllByRole("link").map((link) => link.textContent);
    // The server keeps the order it was given: answer with the moved list from now on.
    library.setEntries([toRead[1], toRead[0], toRead[2]] as LibraryEntry[]);
    await user.click(screen.getByRole("button", { name: "Move “World Without End” down" }));
    await waitFor(() => expect(titles()).toEqual(["A Column of Fire", "World Without End", "The Evening and the Morning"]));
    await waitFor(() => expect(moves).toEqual([{ id: "2", body: { before: 4 } }]));

    // Drag the last one onto the first: it goes before it.
    library.setEntries([toRead[2], toRead[1], toRead[0]] as LibraryEntry[]);
    const rows = () => screen.getAllByTestId("library-entry");
    const dataTransfer = fakeDataTransfer();
    await waitFor(() => expect(rows()).toHaveLength(3));
    fireEvent.dragStart(rows()[2] as HTMLElement, { dataTransfer });
    fireEvent.dragOver(rows()[0] as HTMLElement, { dataTransfer });
    fireEvent.drop(rows()[0] as HTMLElement, { dataTransfer });
    await waitFor(() => expect(moves.at(-1)).toEqual({ id: "4", body: { before: 3 } }));
    await waitFor(() => expect(titles()).toEqual(["The Evening and the Morning", "A Column of Fire", "World Without End"]));
  });

  it("puts the order back when the server refuses the move", async () => {
    const toRead = [libraryEntry(2, "World Without End"), libraryEntry(3, "A Column of Fire")];
    server.use(
      ...signedInAs(),
      ...libraryServer(toRead).handlers,
      http.post(`${API}/library/:id/move/`, () =>
        HttpResponse.json({ before: ["Not in your to-read list."] }, { status: 400 }),
      ),
    );
    const { user } = renderApp("/library?status=want_to_read&ordering=position");
    await user.click(await screen.findByRole("button", { name: "Move “World Without End” down" }));
    expect(await screen.findByText("The new order could not be saved.")).toBeInTheDocument();
    const titles = within(screen.getByTestId("library-list")).getAllByRole("link").map((link) => link.textContent);
    expect(titles).toEqual(["World Without End", "A Column of Fire"]);
  });

  it("speaks Spanish", async () => {
    server.use(...signedInAs(), ...libraryServer(entries).handlers);
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage("es");
    renderApp("/library?view=list");
    expect(await screen.findByRole("heading", { level: 1, name: "Mi biblioteca" })).toBeInTheDocument();
    expect(await screen.findByText("3 libros")).toBeInTheDocument();
    expect(within(screen.getByTestId("library-list")).getAllByText("Quiero leer")).toHaveLength(2);
    expect(screen.getByText("Terminado el 2/3/2025")).toBeInTheDocument();
    expect(screen.getByLabelText("4,5 de 5 estrellas")).toBeInTheDocument();
  });

  it("is for signed-in readers only", async () => {
    server.use(anonymousRefresh);
    const { router } = renderApp("/library");
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/login"));
  });
});
