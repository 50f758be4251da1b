import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { bookDetail } from "@/testing/mocks/books";
import { API, describedText, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

/** `POST books/lookup/` answering `status` with `body`; the requests it got are in `bodies`. */
function lookup(status: number, body: unknown) {
  const bodies: unknown[] = [];
  const handler = http.post(`${API}/books/lookup/`, async ({ request }) => {
    bodies.push(await request.json());
    return HttpResponse.json(body as Record<string, unknown>, { status });
  });
  return { handler, bodies };
}

async function openForm() {
  const view = renderApp("/books/new");
  await screen.findByRole("heading", { name: "Add a book" });
  return view;
}

describe("add a book: ISBN lookup", () => {
  it("opens the book the lookup created", async () => {
    const api = lookup(201, bookDetail(42));
    server.use(...signedInAs(), api.handler, http.get(`${API}/books/42/`, () => HttpResponse.json(bookDetail(42))));
    const { user, router } = await openForm();

    await user.type(screen.getByLabelText("ISBN"), "978-0-451-16689-0");
    await user.click(screen.getByRole("button", { name: "Look up" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/books/42"));
    expect(api.bodies).toEqual([{ isbn: "9780451166890" }]);
    expect(await screen.findByRole("heading", { level: 1, name: "The Pillars of the Earth" })).toBeInTheDocument();
  });

  it("looks up by title and author when there is no ISBN, and says so when nobody knows the book", async () => {
    const api = lookup(404, { detail: "No provider knows this book.", code: "not_found" });
    server.use(...signedInAs(), api.handler);
    const { user, router } = await openForm();

    await user.type(screen.getByLabelText("Title"), "A Very Obscure Book");
    await user.type(screen.getByLabelText("Author 1"), "Nobody Known");
    await user.click(screen.getByRole("button", { name: "Look up" }));

    expect(
      await screen.findByText("No online library knows this book. Fill in the fields below and save it by hand."),
    ).toBeInTheDocument();
    expect(api.bodies).toEqual([{ title: "A Very Obscure Book", author: "Nobody Known" }]);
    expect(router.state.location.pathname).toBe("/books/new");
    // What was typed stays, ready to be saved by hand.
    expect(screen.getByLabelText("Title")).toHaveValue("A Very Obscure Book");
  });

  it.each([
    [502, "provider_error", "Open Library answered with an error.", "The online libraries answered with an error."],
    [504, "provider_timeout", "Open Library did not answer in time.", "The online libraries took too long to answer."],
  ])("shows a %i clearly, with the server's message", async (status, code, detail, headline) => {
    server.use(...signedInAs(), lookup(status, { detail, code }).handler);
    const { user } = await openForm();

    await user.type(screen.getByLabelText("ISBN"), "0451166892");
    await user.click(screen.getByRole("button", { name: "Look up" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(headline);
    expect(alert).toHaveTextContent(detail);
    expect(alert).toHaveTextContent("Nothing was saved.");
  });

  it("checks the ISBN before asking, and shows the server's field messages beside the field", async () => {
    const api = lookup(400, { isbn: ["Enter a valid ISBN-10 or ISBN-13 (server)."] });
    server.use(...signedInAs(), api.handler);
    const { user } = await openForm();
    const isbn = screen.getByLabelText("ISBN");

    await user.click(screen.getByRole("button", { name: "Look up" }));
    expect(describedText(isbn)).toBe("Enter an ISBN, or a title below, to look up.");

    await user.type(isbn, "978-0-451-16689-1");
    await user.click(screen.getByRole("button", { name: "Look up" }));
    expect(describedText(isbn)).toBe("Enter a valid ISBN-10 or ISBN-13.");
    expect(api.bodies).toEqual([]);

    await user.clear(isbn);
    await user.type(isbn, "9780451166890");
    await user.click(screen.getByRole("button", { name: "Look up" }));
    await waitFor(() => expect(describedText(isbn)).toBe("Enter a valid ISBN-10 or ISBN-13 (server)."));
    expect(isbn).toHaveAttribute("aria-invalid", "true");
  });
});

describe("add a book by hand", () => {
  it("validates on the client, then shows server messages beside their fields", async () => {
    const posted: unknown[] = [];
    server.use(
      ...signedInAs(),
      http.post(`${API}/books/`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(
          { title: ["A book with this title needs an author."], authors: [{ name: ["This name is too long."] }] },
          { status: 400 },
        );
      }),
    );
    const { user } = await openForm();

    await user.type(screen.getByLabelText("First published (year)"), "19x9");
    await user.click(screen.getByRole("button", { name: "Save book" }));
    expect(describedText(screen.getByLabelText("Title"))).toBe("This field is required.");
    expect(describedText(screen.getByLabelText("First published (year)"))).toBe("Enter a year such as 1989.");
    expect(posted).toEqual([]);

    await user.type(screen.getByLabelText("Title"), "El Camino");
    await user.clear(screen.getByLabelText("First published (year)"));
    await user.type(screen.getByLabelText("First published (year)"), "1950");
    await user.type(screen.getByLabelText("Author 1"), "Miguel Delibes");
    await user.selectOptions(screen.getByLabelText("Role of author 1"), "author");
    await user.type(screen.getByLabelText("Subjects"), "Novela, Castilla");
    await user.click(screen.getByRole("button", { name: "Save book" }));

    await waitFor(() => expect(describedText(screen.getByLabelText("Title"))).toBe("A book with this title needs an author."));
    expect(screen.getByText("This name is too long.")).toBeInTheDocument();
    expect(posted).toEqual([
      {
        title: "El Camino",
        subtitle: "",
        description: "",
        first_published_year: 1950,
        original_language: "",
        cover_url: "",
        subjects: ["Novela", "Castilla"],
        authors: [{ name: "Miguel Delibes", role: "author" }],
        series: [],
      },
    ]);
  });

  it("saves the book and its first edition, then opens it", async () => {
    const editions: unknown[] = [];
    server.use(
      ...signedInAs(),
      http.post(`${API}/books/`, () => HttpResponse.json(bookDetail(77), { status: 201 })),
      http.post(`${API}/editions/`, async ({ request }) => {
        editions.push(await request.json());
        return HttpResponse.json({ id: 500 }, { status: 201 });
      }),
      http.get(`${API}/books/77/`, () => HttpResponse.json(bookDetail(77))),
    );
    const { user, router } = await openForm();
    await user.type(screen.getByLabelText("Title"), "The Pillars of the Earth");
    await user.type(screen.getByLabelText("ISBN"), "0-451-16689-2");
    await user.type(screen.getByLabelText("Publisher"), "Signet");
    await user.type(screen.getByLabelText("Pages"), "973");
    await user.selectOptions(screen.getByLabelText("Format"), "paperback");
    await user.click(screen.getByRole("button", { name: "Save book" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/books/77"));
    expect(editions).toEqual([{ book: 77, isbn: "0451166892", publisher: "Signet", pages: 973, format: "paperback" }]);
  });
});
