import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { beforeAll, describe, expect, it } from "vitest";

import { bookDetail } from "@/testing/mocks/books";
import { API, describedText, signedInAs, testAccount } from "@/testing/mocks/handlers";
import { comment, page, review } from "@/testing/mocks/reading";
import { server } from "@/testing/mocks/server";
import { preloadReadingRoutes } from "@/testing/preload-routes";
import { renderApp } from "@/testing/test-utils";

import type { Comment } from "../types";

const me = { id: testAccount.id, username: testAccount.username };

/** The book page with one review and its thread; PATCHes of comments are kept (and answered by `answer`). */
function threadServer(initial: Comment[], answer?: (body: { body: string }) => Response | undefined) {
  let comments = [...initial];
  const patches: { url: string; body: unknown }[] = [];
  server.use(
    ...signedInAs(),
    http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))),
    http.get(`${API}/books/1/reviews/`, () => HttpResponse.json(page([review(1, { comments_count: comments.length })]))),
    http.get(`${API}/reviews/1/comments/`, () => HttpResponse.json(page(comments))),
    http.patch(`${API}/comments/:id/`, async ({ request, params }) => {
      const body = (await request.json()) as { body: string };
      patches.push({ url: new URL(request.url).pathname, body });
      const refused = answer?.(body);
      if (refused) return refused;
      comments = comments.map((item) =>
        item.id === Number(params.id) ? { ...item, body: body.body, updated_at: "2026-02-02T11:00:00Z" } : item,
      );
      return HttpResponse.json(comments.find((item) => item.id === Number(params.id)));
    }),
  );
  return { patches };
}

async function openThread(user: ReturnType<typeof renderApp>["user"]) {
  await screen.findByRole("button", { name: "Write a review" });
  await user.click(await screen.findByRole("button", { name: /^Comments/ }));
  return screen.findAllByTestId("comment");
}

beforeAll(preloadReadingRoutes);

describe("editing a comment", () => {
  it("is offered to its author only, and saves the new text marked as edited", async () => {
    const { patches } = threadServer(
      [comment(1, { user: me, body: "First thoughts." }), comment(2, { body: "Not mine." })],
      (body) => (body.body.includes("idiot") ? HttpResponse.json({ body: ["Be kind."] }, { status: 400 }) : undefined),
    );
    const { user } = renderApp("/books/1");
    const [mine, theirs] = (await openThread(user)) as [HTMLElement, HTMLElement];
    expect(within(theirs).queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(within(mine).queryByTestId("comment-edited")).not.toBeInTheDocument();

    await user.click(within(mine).getByRole("button", { name: "Edit" }));
    const editor = within(mine).getByRole("textbox", { name: "Edit your comment" });
    expect(editor).toHaveFocus();
    expect(editor).toHaveValue("First thoughts.");

    // Blank: refused before asking the server.
    await user.clear(editor);
    await user.click(within(mine).getByRole("button", { name: "Save" }));
    expect(describedText(editor)).toBe("This field is required.");
    expect(patches).toEqual([]);

    // The server's message goes under the text.
    await user.type(editor, "You idiot.");
    await user.click(within(mine).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(describedText(within(mine).getByRole("textbox", { name: "Edit your comment" }))).toBe("Be kind."));

    await user.clear(within(mine).getByRole("textbox", { name: "Edit your comment" }));
    await user.type(within(mine).getByRole("textbox", { name: "Edit your comment" }), "Second thoughts.");
    await user.click(within(mine).getByRole("button", { name: "Save" }));
    expect(await within(mine).findByText("Second thoughts.")).toBeInTheDocument();
    expect(within(mine).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(mine).getByTestId("comment-edited")).toHaveTextContent("(edited)");
    await waitFor(() => expect(within(mine).getByRole("button", { name: "Edit" })).toHaveFocus());
    expect(patches).toEqual([
      { url: "/api/v1/comments/1/", body: { body: "You idiot." } },
      { url: "/api/v1/comments/1/", body: { body: "Second thoughts." } },
    ]);
  }, 20_000);

  it("Escape and Cancel keep the old text; a refusal for the whole comment is shown", async () => {
    const { patches } = threadServer([comment(1, { user: me, body: "Keep me." })], () =>
      HttpResponse.json({ detail: "Only its author may edit a comment." }, { status: 403 }),
    );
    const { user } = renderApp("/books/1");
    const [mine] = (await openThread(user)) as [HTMLElement];

    await user.click(within(mine).getByRole("button", { name: "Edit" }));
    await user.type(within(mine).getByRole("textbox", { name: "Edit your comment" }), " Or not.");
    await user.keyboard("{Escape}");
    expect(within(mine).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(mine).getByText("Keep me.")).toBeInTheDocument();

    await user.click(within(mine).getByRole("button", { name: "Edit" }));
    expect(within(mine).getByRole("textbox", { name: "Edit your comment" })).toHaveValue("Keep me.");
    await user.type(within(mine).getByRole("textbox", { name: "Edit your comment" }), " Or not.");
    await user.click(within(mine).getByRole("button", { name: "Cancel" }));
    expect(within(mine).getByText("Keep me.")).toBeInTheDocument();
    expect(patches).toEqual([]);

    await user.click(within(mine).getByRole("button", { name: "Edit" }));
    await user.type(within(mine).getByRole("textbox", { name: "Edit your comment" }), " Really.");
    await user.click(within(mine).getByRole("button", { name: "Save" }));
    expect(await within(mine).findByRole("alert")).toHaveTextContent("Only its author may edit a comment.");
    expect(within(mine).getByRole("textbox", { name: "Edit your comment" })).toHaveValue("Keep me. Really.");
  }, 20_000);

  it("marks a comment edited after it was written, and not a deleted one", async () => {
    threadServer([
      comment(1, { created_at: "2026-02-02T10:00:00.000Z", updated_at: "2026-02-02T10:00:00.004Z" }),
      comment(2, { created_at: "2026-02-02T10:00:00Z", updated_at: "2026-02-03T09:00:00Z" }),
      comment(3, { created_at: "2026-02-02T10:00:00Z", updated_at: "2026-02-03T09:00:00Z", deleted: true, body: "" }),
    ]);
    const { user } = renderApp("/books/1");
    const items = await openThread(user);
    expect(items.map((item) => within(item).queryByTestId("comment-edited") !== null)).toEqual([false, true, false]);
    expect(within(items[1] as HTMLElement).getByText("edited")).toHaveAttribute("dateTime", "2026-02-03T09:00:00Z");
  });
});
