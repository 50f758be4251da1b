import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { bookDetail, bookSummary } from "@/testing/mocks/books";
import { anonymousRefresh, API, describedText, signedInAs } from "@/testing/mocks/handlers";
import { libraryEntry, page } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { LibraryEntry, ProgressUpdate, ReadThrough } from "../types";

const bookEntry = (overrides: Partial<LibraryEntry> = {}) =>
  libraryEntry(5, "The Pillars of the Earth", { book: bookSummary(1, "The Pillars of the Earth"), ...overrides });

/** The book page with the reader's entry (or none), recording every write to the library. */
function bookPage(initial: LibraryEntry | null, readThroughs: ReadThrough[] = []) {
  let entry = initial;
  const writes: { method: string; url: string; body: unknown }[] = [];
  const record = async (request: Request) => {
    const body = request.method === "DELETE" ? null : await request.json();
    writes.push({ method: request.method, url: new URL(request.url).pathname, body });
    return body as Record<string, unknown>;
  };
  server.use(
    ...signedInAs(),
    http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))),
    http.get(`${API}/library/`, ({ request }) => {
      expect(new URL(request.url).searchParams.get("book")).toBe("1");
      return HttpResponse.json(page(entry ? [entry] : []));
    }),
    http.post(`${API}/library/`, async ({ request }) => {
      const { book: _book, ...fields } = await record(request);
      entry = bookEntry(fields as Partial<LibraryEntry>);
      return HttpResponse.json(entry, { status: 201 });
    }),
    http.patch(`${API}/library/5/`, async ({ request }) => {
      const body = await record(request);
      entry = { ...(entry as LibraryEntry), ...(body as Partial<LibraryEntry>) };
      return HttpResponse.json(entry);
    }),
    http.get(`${API}/library/5/read-throughs/`, () => HttpResponse.json(page(readThroughs))),
    http.get(`${API}/library/5/read-throughs/:reading/progress/`, () => HttpResponse.json(page([]))),
  );
  return { writes };
}

const readThrough = (overrides: Partial<ReadThrough> = {}): ReadThrough => ({
  id: 9,
  started_on: "2026-01-10",
  finished_on: null,
  stopped_on: null,
  progress_page: null,
  progress_percent: null,
  progress_minutes: null,
  created_at: "2026-01-10T00:00:00Z",
  updated_at: "2026-01-10T00:00:00Z",
  ...overrides,
});

beforeAll(preloadReadingRoutes);

describe("the book page's library control", () => {
  it("shelves a book in two clicks", async () => {
    const { writes } = bookPage(null);
    const { user } = renderApp("/books/1");
    const status = await screen.findByLabelText("Reading status");
    expect(status).toHaveValue("");
    expect(within(status).getByRole("option", { name: "Not in my library" })).toBeInTheDocument();

    await user.selectOptions(status, "want_to_read");
    await waitFor(() => expect(writes).toEqual([{ method: "POST", url: "/api/v1/library/", body: { book: 1, status: "want_to_read" } }]));
    await waitFor(() => expect(screen.getByLabelText("Reading status")).toHaveValue("want_to_read"));
    expect(screen.getByRole("button", { name: "Remove from my library" })).toBeInTheDocument();
  });

  it("rates in half stars from the keyboard, saving once the keys stop", async () => {
    const { writes } = bookPage(bookEntry({ status: "read" }));
    const { user } = renderApp("/books/1");
    const slider = await screen.findByRole("slider", { name: "My rating" });
    await waitFor(() => expect(screen.getByLabelText("Reading status")).toHaveValue("read"));
    slider.focus();
    await user.keyboard("{ArrowRight}".repeat(7));
    expect(slider).toHaveAttribute("aria-valuetext", "3.5 out of 5 stars");
    await waitFor(() => expect(writes).toEqual([{ method: "PATCH", url: "/api/v1/library/5/", body: { rating: 3.5 } }]), {
      timeout: 2_000,
    });
  });

  it("rating a book not in the library shelves it as read", async () => {
    const { writes } = bookPage(null);
    const { user } = renderApp("/books/1");
    await screen.findByLabelText("Reading status");
    await user.click(screen.getByTestId("star-4"));
    await waitFor(() => expect(writes).toEqual([{ method: "POST", url: "/api/v1/library/", body: { book: 1, rating: 4, status: "read" } }]), {
      timeout: 2_000,
    });
    await waitFor(() => expect(screen.getByLabelText("Reading status")).toHaveValue("read"));
  });

  it("shows the server's message beside the field it is about", async () => {
    bookPage(bookEntry());
    server.use(
      http.patch(`${API}/library/5/`, () => HttpResponse.json({ status: ["“lost” is not a valid choice."] }, { status: 400 })),
    );
    const { user } = renderApp("/books/1");
    const status = await screen.findByLabelText("Reading status");
    await waitFor(() => expect(status).toHaveValue("want_to_read"));
    await user.selectOptions(status, "paused");
    await waitFor(() => expect(describedText(screen.getByLabelText("Reading status"))).toBe("“lost” is not a valid choice."));
  });

  it("records progress of the current reading, with the server's messages per field", async () => {
    bookPage(bookEntry({ status: "reading" }), [readThrough({ progress_page: 100 })]);
    const posts: unknown[] = [];
    server.use(
      http.post(`${API}/library/5/read-throughs/9/progress/`, async ({ request }) => {
        const body = await request.json();
        posts.push(body);
        if (posts.length === 1) return HttpResponse.json({ page: ["This edition has 973 pages."] }, { status: 400 });
        return HttpResponse.json({ id: 1, page: 120, percent: null, minutes: null, note: "", created_at: "2026-02-01T00:00:00Z" }, { status: 201 });
      }),
    );
    const { user } = renderApp("/books/1");
    expect(await screen.findByText("Page 100 of 973")).toBeInTheDocument();

    const amount = screen.getByLabelText("Where I am");
    await user.type(amount, "abc");
    await user.click(screen.getByRole("button", { name: "Update progress" }));
    expect(describedText(amount)).toBe("Enter a whole number.");

    await user.clear(amount);
    await user.type(amount, "1200");
    await user.click(screen.getByRole("button", { name: "Update progress" }));
    await waitFor(() => expect(describedText(screen.getByLabelText("Where I am"))).toBe("This edition has 973 pages."));

    await user.clear(screen.getByLabelText("Where I am"));
    await user.type(screen.getByLabelText("Where I am"), "120");
    await user.type(screen.getByLabelText("Note (optional)"), "The cathedral burns.");
    await user.click(screen.getByRole("button", { name: "Update progress" }));
    expect(await screen.findByText("Progress saved.")).toBeInTheDocument();
    expect(posts).toEqual([{ page: 1200 }, { page: 120, note: "The cathedral burns." }]);
  }, 20_000);

  it("lists the current reading's past progress updates, newest first, and more on request", async () => {
    // The reading keeps the latest page and the latest percent; the newest update says which is current.
    bookPage(bookEntry({ status: "reading" }), [readThrough({ progress_page: 200, progress_percent: "45.50" })]);
    const update = (id: number, fields: Partial<ProgressUpdate>): ProgressUpdate => ({
      id,
      page: null,
      percent: null,
      minutes: null,
      note: "",
      created_at: `2026-01-${String(10 + id).padStart(2, "0")}T12:00:00Z`,
      ...fields,
    });
    let updates = [
      update(6, { percent: "45.50", note: "The cathedral burns." }),
      update(5, { page: 200, minutes: 30 }),
      update(4, { minutes: 95 }),
      update(3, { page: 40 }),
      update(2, { page: 25 }),
      update(1, { page: 12 }),
    ];
    const asked: string[] = [];
    server.use(
      http.get(`${API}/library/5/read-throughs/9/progress/`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const number = Number(params.get("page"));
        const size = Number(params.get("page_size"));
        asked.push(`${number}/${size}`);
        const results = updates.slice((number - 1) * size, number * size);
        return HttpResponse.json({ count: updates.length, next: number * size < updates.length ? "more" : null, previous: null, results });
      }),
      http.post(`${API}/library/5/read-throughs/9/progress/`, () => {
        updates = [update(7, { page: 300 }), ...updates];
        return HttpResponse.json(updates[0], { status: 201 });
      }),
    );
    // Each row: when (a <time>, in the reader's time zone) and what.
    const rows = () =>
      within(screen.getByTestId("progress-history"))
        .getAllByTestId("progress-update")
        .map((row) => [row.querySelector("time")?.getAttribute("dateTime"), row.querySelector("time + span")?.textContent]);
    const { user } = renderApp("/books/1");
    await screen.findByTestId("progress-history");
    expect(screen.getByRole("heading", { name: "Past updates" })).toBeInTheDocument();
    expect(screen.getByTestId("current-progress")).toHaveTextContent("45.5% read");
    expect(rows()).toEqual([
      ["2026-01-16T12:00:00Z", "45.5% — The cathedral burns."],
      ["2026-01-15T12:00:00Z", "Page 200 · 30 minutes"],
      ["2026-01-14T12:00:00Z", "95 minutes"],
      ["2026-01-13T12:00:00Z", "Page 40"],
      ["2026-01-12T12:00:00Z", "Page 25"],
    ]);

    await user.click(screen.getByRole("button", { name: "Show more" }));
    await waitFor(() => expect(rows()).toHaveLength(6));
    expect(rows()[5]).toEqual(["2026-01-11T12:00:00Z", "Page 12"]);
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
    expect(asked).toEqual(["1/5", "2/5"]);

    // A new update shows at the top.
    await user.selectOptions(screen.getByLabelText("Measured in"), "page");
    await user.type(screen.getByLabelText("Where I am"), "300");
    await user.click(screen.getByRole("button", { name: "Update progress" }));
    await waitFor(() => expect(rows()[0]).toEqual(["2026-01-17T12:00:00Z", "Page 300"]));
    expect(screen.getByTestId("current-progress")).toHaveTextContent("Page 300 of 973");
    // Nothing to delete or change: the API has no such thing for a progress update.
    expect(within(screen.getByTestId("progress-history")).queryByRole("button")).not.toBeInTheDocument();
  }, 20_000);

  it("checks reading dates and shows the server's message per date", async () => {
    bookPage(bookEntry({ status: "read" }), [readThrough({ finished_on: "2026-01-20" })]);
    const patches: unknown[] = [];
    server.use(
      http.patch(`${API}/library/5/read-throughs/9/`, async ({ request }) => {
        patches.push(await request.json());
        return HttpResponse.json({ started_on: ["Not before the book was published."] }, { status: 400 });
      }),
    );
    const { user } = renderApp("/books/1");
    const started = await screen.findByLabelText("Started");
    const finished = screen.getByLabelText("Finished");
    expect(started).toHaveValue("2026-01-10");
    expect(finished).toHaveValue("2026-01-20");

    // Date inputs are filled in one go (user-event cannot type into jsdom's date inputs).
    fireEvent.change(finished, { target: { value: "2026-01-05" } });
    await user.click(screen.getByRole("button", { name: "Save dates" }));
    expect(describedText(screen.getByLabelText("Finished"))).toBe("This cannot be before the start date.");
    expect(patches).toEqual([]);

    fireEvent.change(screen.getByLabelText("Finished"), { target: { value: "2026-01-25" } });
    await user.click(screen.getByRole("button", { name: "Save dates" }));
    await waitFor(() => expect(describedText(screen.getByLabelText("Started"))).toBe("Not before the book was published."));
    expect(patches).toEqual([{ started_on: "2026-01-10", finished_on: "2026-01-25", stopped_on: null }]);
  });

  it("asks anonymous visitors to log in", async () => {
    server.use(anonymousRefresh, http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))));
    renderApp("/books/1");
    const control = await screen.findByTestId("library-control");
    expect(within(control).getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login?redirectTo=%2Fbooks%2F1");
    expect(screen.queryByLabelText("Reading status")).not.toBeInTheDocument();
  });
});
