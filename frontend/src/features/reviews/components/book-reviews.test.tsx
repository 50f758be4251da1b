import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { bookDetail } from "@/testing/mocks/books";
import { anonymousRefresh, API, describedText, signedInAs, testAccount } from "@/testing/mocks/handlers";
import { comment, page, review } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { Review } from "../types";

function reviewsServer(reviews: Review[]) {
  const orderings: string[] = [];
  server.use(
    http.post(`${API}/reviews/:id/like/`, ({ params }) => {
      const liked = reviews.find((review) => review.id === Number(params.id));
      if (liked && !liked.liked) Object.assign(liked, { liked: true, likes_count: liked.likes_count + 1 });
      return HttpResponse.json({ liked: true, likes_count: liked?.likes_count ?? 0 });
    }),
    http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))),
    http.get(`${API}/books/1/reviews/`, ({ request }) => {
      const ordering = new URL(request.url).searchParams.get("ordering") ?? "";
      orderings.push(ordering);
      const sorted = ordering === "liked" ? [...reviews].sort((a, b) => b.likes_count - a.likes_count) : reviews;
      return HttpResponse.json(page(sorted));
    }),
  );
  return { orderings };
}

const reviewTitles = () => screen.getAllByTestId("review").map((article) => within(article).getByRole("heading").textContent);

beforeAll(preloadReadingRoutes);

describe("the book page's reviews", () => {
  it("lists reviews newest or most liked first, hides spoilers until asked, and likes", async () => {
    const { orderings } = reviewsServer([
      review(1, { likes_count: 1 }),
      review(2, { spoiler: true, content_warnings: ["grief"], likes_count: 5, body_html: "<p>The <em>end</em> is sad.</p>" }),
    ]);
    server.use(...signedInAs());
    const { user } = renderApp("/books/1");

    expect(await screen.findByRole("heading", { name: "2 reviews" })).toBeInTheDocument();
    // Signed in (the account has loaded): the reader may write and like.
    expect(await screen.findByRole("button", { name: "Write a review" })).toBeInTheDocument();
    expect(reviewTitles()).toEqual(["Review 1", "Review 2"]);
    const spoiling = screen.getAllByTestId("review")[1] as HTMLElement;
    expect(within(spoiling).getByText("grief")).toBeInTheDocument();
    expect(within(spoiling).getByText("This review contains spoilers.")).toBeInTheDocument();
    expect(within(spoiling).queryByText("is sad.", { exact: false })).not.toBeInTheDocument();
    await user.click(within(spoiling).getByRole("button", { name: "Show the review" }));
    expect(within(spoiling).getByTestId("review-body")).toHaveTextContent("The end is sad.");
    expect(within(spoiling).getByText("end").tagName).toBe("EM");

    const first = screen.getAllByTestId("review")[0] as HTMLElement;
    await user.click(within(first).getByRole("button", { name: "Like (1)" }));
    expect(await within(first).findByRole("button", { name: "Liked (2)" })).toHaveAttribute("aria-pressed", "true");

    await user.click(screen.getByRole("button", { name: "Most liked" }));
    await waitFor(() => expect(reviewTitles()).toEqual(["Review 2", "Review 1"]));
    expect(orderings.at(-1)).toBe("liked");
  }, 20_000);

  it("writes a review with rating, Markdown, spoiler flag, warnings and audience, showing errors per field", async () => {
    reviewsServer([]);
    const bodies: unknown[] = [];
    server.use(
      ...signedInAs(),
      http.post(`${API}/books/1/reviews/`, async ({ request }) => {
        bodies.push(await request.json());
        if (bodies.length === 1) {
          return HttpResponse.json(
            { title: ["Ensure this field has no more than 200 characters."], content_warnings: { "1": ["Not allowed."] } },
            { status: 400 },
          );
        }
        return HttpResponse.json(review(9, { user: { id: testAccount.id, username: testAccount.username } }), { status: 201 });
      }),
    );
    const { user } = renderApp("/books/1");
    expect(await screen.findByText("No reviews yet.")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Write a review" }));

    const editor = screen.getByRole("form", { name: "Write a review" });
    // Nothing written yet.
    await user.click(within(editor).getByRole("button", { name: "Publish review" }));
    expect(describedText(within(editor).getByLabelText("Your review"))).toBe("Write a title or some text.");

    const rating = within(editor).getByRole("slider", { name: "Rating" });
    rating.focus();
    await user.keyboard("{ArrowRight}".repeat(9));
    await user.type(within(editor).getByLabelText("Title"), "A cathedral of a book");
    await user.click(within(editor).getByLabelText("Markdown"));
    await user.type(within(editor).getByLabelText("Your review"), "It is *long*.");
    await user.click(within(editor).getByLabelText(/It contains spoilers/));
    await user.type(within(editor).getByLabelText("Content warnings"), "violence, grief, violence");
    await user.selectOptions(within(editor).getByLabelText("Who can see it"), "followers");
    await user.click(within(editor).getByRole("button", { name: "Publish review" }));

    await waitFor(() => expect(describedText(within(editor).getByLabelText("Title"))).toBe("Ensure this field has no more than 200 characters."));
    expect(describedText(within(editor).getByLabelText("Content warnings"))).toBe("Not allowed.");
    // Editing a field clears its server message.
    await user.type(within(editor).getByLabelText("Title"), "!");
    expect(describedText(within(editor).getByLabelText("Title"))).toBe("");

    await user.click(within(editor).getByRole("button", { name: "Publish review" }));
    expect(await screen.findByText("Your review was saved.")).toBeInTheDocument();
    expect(bodies[1]).toEqual({
      title: "A cathedral of a book!",
      body: "It is *long*.",
      body_format: "markdown",
      spoiler: true,
      content_warnings: ["violence", "grief"],
      rating: 4.5,
      audience: "followers",
    });
    expect(screen.queryByRole("form", { name: "Write a review" })).not.toBeInTheDocument();
  }, 20_000);

  it("opens the existing review when the reader already wrote one", async () => {
    reviewsServer([]);
    const patches: unknown[] = [];
    const mine = review(77, { user: { id: testAccount.id, username: "ana" }, body: "My old words.", title: "Old title", audience: "private" });
    server.use(
      ...signedInAs(),
      http.post(`${API}/books/1/reviews/`, () =>
        HttpResponse.json({ detail: "You have already reviewed this book.", review: 77 }, { status: 409 }),
      ),
      http.get(`${API}/reviews/77/`, () => HttpResponse.json(mine)),
      http.patch(`${API}/reviews/77/`, async ({ request }) => {
        patches.push(await request.json());
        return HttpResponse.json({ ...mine, title: "New title" });
      }),
    );
    const { user } = renderApp("/books/1");
    await user.click(await screen.findByRole("button", { name: "Write a review" }));
    await user.type(screen.getByLabelText("Title"), "Again");
    await user.click(screen.getByRole("button", { name: "Publish review" }));

    expect(await screen.findByText("You have already reviewed this book: edit your review here.")).toBeInTheDocument();
    const editor = await screen.findByRole("form", { name: "Edit your review" });
    expect(within(editor).getByLabelText("Your review")).toHaveValue("My old words.");
    expect(within(editor).getByLabelText("Who can see it")).toHaveValue("private");
    const titleInput = within(editor).getByLabelText("Title");
    expect(titleInput).toHaveValue("Old title");
    await user.clear(titleInput);
    await user.type(titleInput, "New title");
    await user.click(within(editor).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toMatchObject({ title: "New title", body: "My old words.", audience: "private", rating: 4.5 });
  }, 20_000);

  it("shows threaded comments, replies and reports", async () => {
    reviewsServer([review(1, { comments_count: 3 })]);
    const posted: unknown[] = [];
    const reports: unknown[] = [];
    server.use(
      ...signedInAs(),
      http.get(`${API}/reviews/1/comments/`, () =>
        HttpResponse.json(
          page([
            comment(1),
            comment(2, { parent: 1, depth: 1, user: { id: 40, username: "carla" }, body: "I disagree." }),
            comment(3, { parent: 2, depth: 2, body: "", deleted: true }),
          ]),
        ),
      ),
      http.post(`${API}/reviews/1/comments/`, async ({ request }) => {
        const body = await request.json();
        posted.push(body);
        return HttpResponse.json(comment(4, { parent: 2, depth: 2, body: "Why?" }), { status: 201 });
      }),
      http.post(`${API}/reviews/1/report/`, async ({ request }) => {
        reports.push(await request.json());
        return HttpResponse.json({ id: 1 }, { status: 201 });
      }),
    );
    const { user } = renderApp("/books/1");
    await screen.findByRole("button", { name: "Write a review" });
    await user.click(await screen.findByRole("button", { name: "Comments (3)" }));
    const items = await screen.findAllByTestId("comment");
    expect(items.map((item) => item.getAttribute("data-depth"))).toEqual(["0", "1", "2"]);
    expect(within(items[2] as HTMLElement).getByText("This comment was deleted.")).toBeInTheDocument();

    await user.click(within(items[1] as HTMLElement).getByRole("button", { name: "Reply" }));
    await user.type(screen.getByLabelText("Reply to @carla"), "Why?");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(posted).toEqual([{ body: "Why?", parent: 2 }]));

    const card = screen.getByTestId("review");
    await user.click(within(card).getAllByRole("button", { name: "Report" })[0] as HTMLElement);
    const form = screen.getByRole("form", { name: "Report to staff" });
    await user.click(within(form).getByRole("button", { name: "Send report" }));
    expect(within(form).getByText("Choose a reason.")).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText("Reason"), "spoiler");
    await user.type(within(form).getByLabelText("Details (optional)"), "The ending, unmarked.");
    await user.click(within(form).getByRole("button", { name: "Send report" }));
    expect(await screen.findByText("Thank you: staff will look at it.")).toBeInTheDocument();
    expect(reports).toEqual([{ reason: "spoiler", details: "The ending, unmarked." }]);
  }, 20_000);

  it("lets the author edit and delete their own review, and nobody like it", async () => {
    const mine = review(3, { user: { id: testAccount.id, username: "ana" }, spoiler: true, audience: "followers" });
    reviewsServer([mine]);
    let deleted = false;
    server.use(
      ...signedInAs(),
      http.delete(`${API}/reviews/3/`, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp("/books/1");
    expect(await screen.findByRole("button", { name: "Edit my review" })).toBeInTheDocument();
    const card = screen.getByTestId("review");
    // The author sees their own spoilers, and who the review is for.
    expect(within(card).getByTestId("review-body")).toBeInTheDocument();
    expect(within(card).getByText("Followers only")).toBeInTheDocument();
    expect(within(card).getByRole("button", { name: "Like (2)" })).toBeDisabled();

    vi.spyOn(window, "confirm").mockReturnValue(true);
    await user.click(within(card).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("Your review was deleted.")).toBeInTheDocument();
    expect(deleted).toBe(true);
  });

  it("invites anonymous visitors to log in", async () => {
    reviewsServer([review(1)]);
    server.use(anonymousRefresh);
    renderApp("/books/1");
    const section = await screen.findByTestId("book-reviews");
    expect(await within(section).findByRole("link", { name: "Log in" })).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Write a review" })).not.toBeInTheDocument();
    expect(await within(section).findByRole("button", { name: "Like (2)" })).toBeDisabled();
  });
});
