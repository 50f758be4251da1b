import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { page, review } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { FIRST_LOAD, preloadProfileRoute, readerProfile, serveProfile } from "@/testing/profile-route";
import { renderApp } from "@/testing/test-utils";

const bobs = { id: 21, username: "bob" };

beforeAll(preloadProfileRoute);

describe("a reader's reviews on their profile", () => {
  it("lists them under their books, a spoiler behind a click, a page at a time through the URL", async () => {
    const requests: Record<string, string>[] = [];
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile()),
      http.get(`${API}/users/bob/reviews/`, ({ request }) => {
        requests.push(Object.fromEntries(new URL(request.url).searchParams));
        return HttpResponse.json(
          page(
            [
              review(1, { user: bobs, title: "A cathedral", spoiler: true, body_html: "<p>The ending surprises.</p>" }),
              review(2, { user: bobs, book: { id: 2, title: "World Without End", cover_url: "/c.svg" } }),
            ],
            { next: `${API}/users/bob/reviews/?page=3`, previous: `${API}/users/bob/reviews/?page=1` },
          ),
        );
      }),
    );
    const { router, user } = renderApp("/u/bob?tab=reviews&page=2");

    const list = await screen.findByRole("list", { name: "@bob's reviews" }, FIRST_LOAD);
    expect(requests[0]).toEqual({ page: "2", page_size: "10" });
    const sections = screen.getByRole("navigation", { name: "Reading" });
    expect(within(sections).getByRole("link", { name: "Reviews" })).toHaveAttribute("aria-current", "page");
    expect(within(list).getByRole("link", { name: "Review of World Without End" })).toHaveAttribute("href", "/books/2");

    const [spoiler] = within(list).getAllByTestId("review");
    expect(spoiler).toHaveTextContent("A cathedral");
    expect(within(spoiler!).queryByText("The ending surprises.")).not.toBeInTheDocument();
    await user.click(within(spoiler!).getByRole("button", { name: "Show the review" }));
    expect(within(spoiler!).getByText("The ending surprises.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(requests.at(-1)).toEqual({ page: "3", page_size: "10" }));
    expect(router.state.location.search).toBe("?tab=reviews&page=3");
  });

  it("explains an empty list on a followers-only profile, with the way to see more", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile({ profile_visibility: "followers", can_view_profile: false })),
      http.get(`${API}/users/bob/reviews/`, () => HttpResponse.json(page([]))),
    );
    renderApp("/u/bob?tab=reviews");
    expect(await screen.findByTestId("reader-reviews-empty", {}, FIRST_LOAD)).toHaveTextContent("@bob shares no reviews with you.");
    expect(screen.getByTestId("profile-reading-privacy")).toHaveTextContent("Follow them to see more once they accept.");
  });

  it("says the reviews are not for this viewer on a 403, and offers page 1 past the last page", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(readerProfile()),
      http.get(`${API}/users/bob/reviews/`, ({ request }) =>
        new URL(request.url).searchParams.get("page") === "9"
          ? HttpResponse.json({ detail: "Invalid page.", code: "not_found" }, { status: 404 })
          : HttpResponse.json({ detail: "Forbidden.", code: "permission_denied" }, { status: 403 }),
      ),
    );
    const { router, user } = renderApp("/u/bob?tab=reviews&page=9");
    await user.click(await screen.findByRole("button", { name: "Go to the first page" }, FIRST_LOAD));
    expect(router.state.location.search).toBe("?tab=reviews");
    expect(await screen.findByTestId("reader-reviews-unavailable")).toHaveTextContent("You cannot see this reader's reading.");
  });
});
