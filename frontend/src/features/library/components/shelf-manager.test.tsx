import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { API, describedText, signedInAs } from "@/testing/mocks/handlers";
import { libraryEntry, page } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { Shelf } from "../types";

const shelf = (id: number, name: string, entries_count: number, overrides: Partial<Shelf> = {}): Shelf => ({
  id,
  name,
  description: "",
  audience: "public",
  entries_count,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  ...overrides,
});

/** The library page with shelves that can be renamed and deleted; every write and list request is kept. */
function shelvesServer(initial: Shelf[]) {
  let shelves = [...initial];
  const writes: { method: string; url: string; body: unknown }[] = [];
  const listRequests: Record<string, string>[] = [];
  const entries = [libraryEntry(1, "The Pillars of the Earth", { shelves: [3] }), libraryEntry(2, "World Without End", { shelves: [3] })];
  server.use(
    ...signedInAs(),
    http.get(`${API}/library/`, ({ request }) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      listRequests.push(params);
      if (params.shelf && !shelves.some((item) => String(item.id) === params.shelf)) {
        return HttpResponse.json({ shelf: ["No such shelf."] }, { status: 400 });
      }
      return HttpResponse.json(page(entries));
    }),
    http.get(`${API}/library/tags/`, () => HttpResponse.json(page([]))),
    http.get(`${API}/shelves/`, () => HttpResponse.json(page(shelves))),
    http.patch(`${API}/shelves/:id/`, async ({ request, params }) => {
      const body = (await request.json()) as Partial<Shelf>;
      writes.push({ method: "PATCH", url: new URL(request.url).pathname, body });
      if (body.name?.toLowerCase() === "to read") {
        return HttpResponse.json({ name: ["You already have a shelf with this name."] }, { status: 400 });
      }
      shelves = shelves.map((item) => (item.id === Number(params.id) ? { ...item, ...body } : item));
      return HttpResponse.json(shelves.find((item) => item.id === Number(params.id)));
    }),
    http.delete(`${API}/shelves/:id/`, ({ request, params }) => {
      writes.push({ method: "DELETE", url: new URL(request.url).pathname, body: null });
      shelves = shelves.filter((item) => item.id !== Number(params.id));
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return { writes, listRequests };
}

async function openManager(user: ReturnType<typeof renderApp>["user"]) {
  await user.click(await screen.findByRole("button", { name: "Manage shelves" }));
  const manager = await screen.findByTestId("shelf-manager");
  await within(manager).findByText("Favourites");
  return manager;
}

const rowOf = (manager: HTMLElement, name: string) =>
  within(manager)
    .getAllByTestId("managed-shelf")
    .find((row) => within(row).queryByText(name)) as HTMLElement;

beforeAll(preloadReadingRoutes);

describe("managing shelves from the library page", () => {
  it("lists shelves with their counts and renames one, showing errors beside the field", async () => {
    const { writes } = shelvesServer([shelf(3, "Favourites", 2), shelf(4, "To read", 1, { audience: "private" })]);
    const { user } = renderApp("/library");
    const manager = await openManager(user);

    expect(within(rowOf(manager, "Favourites")).getByText("2 books · Everyone")).toBeInTheDocument();
    expect(within(rowOf(manager, "To read")).getByText("1 book · Only me")).toBeInTheDocument();

    await user.click(within(manager).getByRole("button", { name: "Edit “Favourites”" }));
    const name = within(manager).getByLabelText("Name");
    expect(name).toHaveFocus();
    expect(name).toHaveValue("Favourites");

    // Blank: refused before asking the server.
    await user.clear(name);
    await user.click(within(manager).getByRole("button", { name: "Save" }));
    expect(describedText(name)).toBe("A shelf needs a name.");
    expect(writes).toEqual([]);

    // Taken: the server's message goes under the name.
    await user.type(name, "To read");
    await user.click(within(manager).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(describedText(within(manager).getByLabelText("Name"))).toBe("You already have a shelf with this name."));

    // Typing clears the message; a good name and a narrower audience are saved.
    await user.clear(within(manager).getByLabelText("Name"));
    expect(describedText(within(manager).getByLabelText("Name"))).toBe("");
    await user.type(within(manager).getByLabelText("Name"), "  Best   ever ");
    await user.selectOptions(within(manager).getByLabelText("Who can see this shelf"), "followers");
    await user.click(within(manager).getByRole("button", { name: "Save" }));
    expect(await within(manager).findByText("Best ever")).toBeInTheDocument();
    expect(within(rowOf(manager, "Best ever")).getByText("2 books · Followers only")).toBeInTheDocument();
    expect(within(manager).getByRole("button", { name: "Edit “Best ever”" })).toHaveFocus();
    expect(writes).toEqual([
      { method: "PATCH", url: "/api/v1/shelves/3/", body: { name: "To read" } },
      { method: "PATCH", url: "/api/v1/shelves/3/", body: { name: "Best ever", audience: "followers" } },
    ]);
  }, 20_000);

  it("Escape and Cancel leave a shelf as it was", async () => {
    const { writes } = shelvesServer([shelf(3, "Favourites", 2)]);
    const { user } = renderApp("/library");
    const manager = await openManager(user);
    await user.click(within(manager).getByRole("button", { name: "Edit “Favourites”" }));
    await user.type(within(manager).getByLabelText("Name"), " and more");
    await user.keyboard("{Escape}");
    expect(within(manager).queryByLabelText("Name")).not.toBeInTheDocument();
    expect(within(manager).getByText("Favourites")).toBeInTheDocument();

    await user.click(within(manager).getByRole("button", { name: "Edit “Favourites”" }));
    expect(within(manager).getByLabelText("Name")).toHaveValue("Favourites");
    await user.click(within(manager).getByRole("button", { name: "Cancel" }));
    expect(writes).toEqual([]);
  });

  it("deletes a shelf after saying its books stay, and drops the filter by it", async () => {
    const { writes, listRequests } = shelvesServer([shelf(3, "Favourites", 2), shelf(4, "Empty", 0)]);
    const { user, router } = renderApp("/library?shelf=3&status=read");
    const manager = await openManager(user);

    await user.click(within(manager).getByRole("button", { name: "Delete “Empty”" }));
    expect(within(manager).getByRole("alertdialog", { name: "Delete the shelf “Empty”?" })).toHaveAccessibleDescription(
      "There are no books on it.",
    );
    await user.click(within(manager).getByRole("button", { name: "Keep it" }));
    expect(within(manager).queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(within(manager).getByRole("button", { name: "Delete “Empty”" })).toHaveFocus();

    await user.click(within(manager).getByRole("button", { name: "Delete “Favourites”" }));
    const dialog = within(manager).getByRole("alertdialog", { name: "Delete the shelf “Favourites”?" });
    expect(dialog).toHaveAccessibleDescription("It has 2 books on it. The books stay in your library: only the shelf goes.");
    expect(within(dialog).getByRole("button", { name: "Keep it" })).toHaveFocus();
    expect(writes).toEqual([]);

    await user.click(within(dialog).getByRole("button", { name: "Delete shelf" }));
    await waitFor(() => expect(within(manager).queryByText("Favourites")).not.toBeInTheDocument());
    expect(writes).toEqual([{ method: "DELETE", url: "/api/v1/shelves/3/", body: null }]);
    // The filter by the deleted shelf goes; the other filters stay, and no error is shown.
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("shelf")).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get("status")).toBe("read");
    expect(
      await screen.findByText("Shelf “Favourites” deleted, so the library is no longer filtered by it. Its books are still in your library."),
    ).toBeInTheDocument();
    // The list filtered by the deleted shelf is not asked for again (the server would refuse it).
    await waitFor(() => expect(listRequests.at(-1)).toEqual({ status: "read", page: "1", page_size: "24" }));
    expect(listRequests).toEqual([
      { status: "read", shelf: "3", page: "1", page_size: "24" },
      { status: "read", page: "1", page_size: "24" },
    ]);
    expect(await screen.findByText("The Pillars of the Earth")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  }, 20_000);

  it("shows the server's refusal to delete", async () => {
    shelvesServer([shelf(3, "Favourites", 2)]);
    server.use(http.delete(`${API}/shelves/3/`, () => HttpResponse.json({ detail: "Try again later." }, { status: 503 })));
    const { user } = renderApp("/library");
    const manager = await openManager(user);
    await user.click(within(manager).getByRole("button", { name: "Delete “Favourites”" }));
    await user.click(within(manager).getByRole("button", { name: "Delete shelf" }));
    expect(await within(manager).findByRole("alert")).toHaveTextContent("Try again later.");
    expect(within(manager).getByText("Favourites")).toBeInTheDocument();
  });

  it("drops a filter by a shelf that no longer exists instead of showing an error", async () => {
    const { listRequests } = shelvesServer([shelf(3, "Favourites", 2)]);
    const { router } = renderApp("/library?shelf=99");
    expect(await screen.findByText("The Pillars of the Earth")).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get("shelf")).toBeNull();
    expect(listRequests.map((params) => params.shelf)).toEqual(["99", undefined]);
  });

  it("makes a new shelf, refusing a blank name", async () => {
    shelvesServer([shelf(3, "Favourites", 2)]);
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/shelves/`, async ({ request }) => {
        posts.push(await request.json());
        return HttpResponse.json(shelf(5, "Book club", 0), { status: 201 });
      }),
    );
    const { user } = renderApp("/library");
    const manager = await openManager(user);
    const form = within(manager).getByRole("form", { name: "Make a new shelf" });
    await user.type(within(form).getByLabelText("New shelf name"), "   ");
    await user.click(within(form).getByRole("button", { name: "Create shelf" }));
    expect(describedText(within(form).getByLabelText("New shelf name"))).toBe("A shelf needs a name.");
    await user.clear(within(form).getByLabelText("New shelf name"));
    await user.type(within(form).getByLabelText("New shelf name"), "Book club");
    await user.click(within(form).getByRole("button", { name: "Create shelf" }));
    await waitFor(() => expect(posts).toEqual([{ name: "Book club" }]));
    expect(within(form).getByLabelText("New shelf name")).toHaveValue("");
  });
});
