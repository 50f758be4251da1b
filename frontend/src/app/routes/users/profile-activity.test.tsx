import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { feedItem, page } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { FIRST_LOAD, preloadProfileRoute, readerProfile, serveProfile } from "@/testing/profile-route";
import { renderApp } from "@/testing/test-utils";

const bob = { id: 21, username: "bob" };

beforeAll(preloadProfileRoute);

describe("a reader's activity on their profile", () => {
  it("is reached by its tab (which drops the library's filters) and loads older items on demand", async () => {
    const cursors: (string | null)[] = [];
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile()),
      http.get(`${API}/users/bob/library/`, () => HttpResponse.json(page([]))),
      http.get(`${API}/users/bob/shelves/`, () => HttpResponse.json(page([]))),
      http.get(`${API}/users/bob/activity/`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        cursors.push(cursor);
        return cursor
          ? HttpResponse.json({ next: null, previous: null, results: [feedItem(2, { actor: bob, verb: "finished" })] })
          : HttpResponse.json({
              next: `http://testserver${API}/users/bob/activity/?cursor=abc`,
              previous: null,
              results: [feedItem(1, { actor: bob, verb: "rated", rating: 4 })],
            });
      }),
    );
    const { router, user } = renderApp("/u/bob?status=read&page=2");
    const sections = await screen.findByRole("navigation", { name: "Reading" }, FIRST_LOAD);
    await user.click(within(sections).getByRole("link", { name: "Activity" }));
    expect(router.state.location.search).toBe("?tab=activity");

    const list = await screen.findByRole("list", { name: "@bob's activity" });
    expect(within(list).getAllByTestId("feed-item")).toHaveLength(1);
    expect(list).toHaveTextContent("@bob rated The Pillars of the Earth");
    await user.click(screen.getByRole("button", { name: "Show older activity" }));
    await waitFor(() => expect(within(list).getAllByTestId("feed-item")).toHaveLength(2));
    expect(cursors).toEqual([null, "abc"]);
    expect(screen.getByText("That is everything.")).toBeInTheDocument();
  });

  it("explains an empty activity of a private profile, and a 404 (blocked) without spinning", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile({ profile_visibility: "private", can_view_profile: false })),
      http.get(`${API}/users/bob/activity/`, () => HttpResponse.json({ next: null, previous: null, results: [] })),
      serveProfile(readerProfile({ username: "carl" })),
      http.get(`${API}/users/carl/activity/`, () => HttpResponse.json({ detail: "No such reader.", code: "not_found" }, { status: 404 })),
    );
    const { router } = renderApp("/u/bob?tab=activity");
    expect(await screen.findByTestId("reader-activity-empty", {}, FIRST_LOAD)).toHaveTextContent("@bob shares no activity with you.");

    await router.navigate("/u/carl?tab=activity");
    expect(await screen.findByTestId("reader-activity-unavailable")).toHaveTextContent("You cannot see this reader's reading.");
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});
