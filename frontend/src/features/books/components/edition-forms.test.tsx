import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { bookDetail, edition } from "@/testing/mocks/books";
import { anonymousRefresh, API, describedText, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const FIRST_EDITION = "Edit edition: Paperback, Signet, 1990-08, 9780451166890";

/** A write to `url` answering `status` with `body`; the bodies it got are in `bodies`. */
function write(method: "post" | "patch", url: string, status: number, body: unknown) {
  const bodies: unknown[] = [];
  const handler = http[method](`${API}${url}`, async ({ request }) => {
    bodies.push(await request.json());
    return HttpResponse.json(body as Record<string, unknown>, { status });
  });
  return { handler, bodies };
}

const book1 = http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1)));
const edition100 = http.get(`${API}/editions/100/`, () => HttpResponse.json(edition(100)));

/** The 409 of an ISBN that edition 555, of book 9, already has. */
const duplicateIsbn = {
  body: { detail: "An edition with this ISBN already exists.", code: "duplicate_isbn", edition: 555 },
  handlers: [
    http.get(`${API}/editions/555/`, () => HttpResponse.json(edition(555, { book: 9 }))),
    http.get(`${API}/books/9/`, () => HttpResponse.json(bookDetail(9, { title: "Los pilares de la Tierra" }))),
  ],
};

/** The edition's language (the header's language switcher is also labelled "Language"). */
const languageInput = () => screen.getByRole("textbox", { name: "Language" });

async function openAddForm() {
  const view = renderApp("/books/1");
  await view.user.click(await screen.findByRole("link", { name: "Add edition" }));
  await screen.findByRole("heading", { name: "Add an edition" });
  // The page loads the book before it shows the form.
  await screen.findByLabelText("ISBN");
  return view;
}

async function openEditForm() {
  const view = renderApp("/books/1");
  const table = await screen.findByRole("table", { name: "Editions" });
  await view.user.click(within(table).getByRole("link", { name: FIRST_EDITION }));
  await screen.findByRole("heading", { name: "Edit edition" });
  // The page loads the edition before it shows the form.
  await screen.findByLabelText("ISBN");
  return view;
}

describe("editions on the book page", () => {
  it("are offered to signed-in readers only", async () => {
    server.use(anonymousRefresh, book1);
    renderApp("/books/1");
    await screen.findByRole("table", { name: "Editions" });
    expect(screen.queryByRole("link", { name: "Add edition" })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: FIRST_EDITION })).not.toBeInTheDocument();
  });

  it("link to the add form and, per edition, to its edit form", async () => {
    server.use(...signedInAs(), book1);
    renderApp("/books/1");
    expect(await screen.findByRole("link", { name: "Add edition" })).toHaveAttribute("href", "/books/1/editions/new");
    const table = screen.getByRole("table", { name: "Editions" });
    expect(within(table).getByRole("link", { name: FIRST_EDITION })).toHaveAttribute("href", "/editions/100/edit");
    expect(
      within(table).getByRole("link", { name: "Edit edition: Hardcover, Macmillan, 1989, 9780333519837" }),
    ).toHaveAttribute("href", "/editions/101/edit");
  });
});

describe("add an edition", () => {
  it("checks ISBN, date, pages and language on the client before asking", async () => {
    const api = write("post", "/editions/", 201, edition(500));
    server.use(...signedInAs(), book1, api.handler);
    const { user } = await openAddForm();
    const isbn = screen.getByLabelText("ISBN");
    const date = screen.getByLabelText("Publication date");
    const pages = screen.getByLabelText("Pages");
    const language = languageInput();

    await user.type(isbn, "978-0-451-16689-1");
    await user.type(date, "1990-13");
    await user.type(pages, "0");
    await user.type(language, "e1");
    await user.click(screen.getByRole("button", { name: "Save edition" }));

    expect(describedText(isbn)).toBe("Enter a valid ISBN-10 or ISBN-13.");
    expect(describedText(date)).toBe(
      "Enter a year, a year and month or a full date, such as 1990, 1990-05 or 1990-05-17.",
    );
    expect(describedText(pages)).toBe("Enter a whole number of pages.");
    expect(describedText(language)).toBe("Enter a language code such as en or spa.");
    expect(isbn).toHaveAttribute("aria-invalid", "true");

    // A day the month does not have (2023 is not a leap year).
    await user.clear(date);
    await user.type(date, "2023-02-29");
    await user.click(screen.getByRole("button", { name: "Save edition" }));
    expect(describedText(date)).toBe("This month has no such day.");
    expect(api.bodies).toEqual([]);
  });

  it("sends an ISBN-10 or -13, a year, a month or a full date, and opens the book", async () => {
    const api = write("post", "/editions/", 201, edition(500));
    server.use(...signedInAs(), book1, api.handler);
    const { user, router } = await openAddForm();

    await user.type(screen.getByLabelText("ISBN"), "0-8044-2957-X");
    await user.type(screen.getByLabelText("Publisher"), "  Pan Books ");
    await user.type(screen.getByLabelText("Publication date"), "2024-02-29");
    await user.type(screen.getByLabelText("Pages"), "1076");
    await user.selectOptions(screen.getByLabelText("Format"), "hardcover");
    await user.type(languageInput(), "EN");
    await user.click(screen.getByRole("button", { name: "Save edition" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/books/1"));
    expect(api.bodies).toEqual([
      {
        book: 1,
        isbn: "080442957X",
        publisher: "Pan Books",
        publication_year: 2024,
        publication_month: 2,
        publication_day: 29,
        pages: 1076,
        format: "hardcover",
        language: "en",
      },
    ]);
  });

  it("shows the server's messages beside their fields, the date's beside the date", async () => {
    const api = write("post", "/editions/", 400, {
      publication_day: ["This month has no such day (server)."],
      publisher: ["Ensure this field has no more than 300 characters."],
      non_field_errors: ["Something about the whole edition."],
    });
    server.use(...signedInAs(), book1, api.handler);
    const { user } = await openAddForm();
    const date = screen.getByLabelText("Publication date");

    await user.type(date, "1990-8-17");
    await user.type(screen.getByLabelText("Publisher"), "Signet");
    await user.click(screen.getByRole("button", { name: "Save edition" }));

    await waitFor(() => expect(describedText(date)).toBe("This month has no such day (server)."));
    expect(describedText(screen.getByLabelText("Publisher"))).toBe(
      "Ensure this field has no more than 300 characters.",
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Something about the whole edition.");
    expect(api.bodies).toEqual([
      {
        book: 1,
        isbn: "",
        publisher: "Signet",
        publication_year: 1990,
        publication_month: 8,
        publication_day: 17,
        pages: null,
        format: "",
        language: "",
      },
    ]);

    // Editing the date clears its server message; the help comes back.
    await user.type(date, "{Backspace}");
    expect(describedText(date)).toBe("A year (1990), a year and month (1990-05) or a full date (1990-05-17).");
  });

  it("links a taken ISBN to the book of the edition that has it (409)", async () => {
    const api = write("post", "/editions/", 409, duplicateIsbn.body);
    server.use(...signedInAs(), book1, ...duplicateIsbn.handlers, api.handler);
    const { user, router } = await openAddForm();
    const isbn = screen.getByLabelText("ISBN");

    await user.type(isbn, "9780451166890");
    await user.click(screen.getByRole("button", { name: "Save edition" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Another edition already has this ISBN, so nothing was saved.");
    expect(await within(alert).findByRole("link", { name: "See it in “Los pilares de la Tierra”" })).toHaveAttribute(
      "href",
      "/books/9",
    );
    expect(router.state.location.pathname).toBe("/books/1/editions/new");

    // Another ISBN is another question: the notice goes.
    await user.type(isbn, "{Backspace}");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("is in Spanish too", async () => {
    server.use(...signedInAs(), book1);
    window.localStorage.setItem("mbc.language", "es");
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage("es");
    const { user } = renderApp("/books/1/editions/new");

    expect(await screen.findByRole("heading", { name: "Añadir una edición" })).toBeInTheDocument();
    const date = await screen.findByLabelText("Fecha de publicación");
    await user.type(date, "2023-02-30");
    await user.click(screen.getByRole("button", { name: "Guardar la edición" }));
    expect(describedText(date)).toBe("Ese mes no tiene ese día.");
    expect(screen.getByRole("option", { name: "Tapa dura" })).toBeInTheDocument();
  });
});

describe("edit an edition", () => {
  it("starts from the edition and sends only what changed", async () => {
    const api = write("patch", "/editions/100/", 200, edition(100, { pages: 1000 }));
    server.use(...signedInAs(), book1, edition100, api.handler);
    const { user, router } = await openEditForm();

    expect(screen.getByLabelText("ISBN")).toHaveValue("9780451166890");
    expect(screen.getByLabelText("Publisher")).toHaveValue("Signet");
    expect(screen.getByLabelText("Publication date")).toHaveValue("1990-08");
    expect(screen.getByLabelText("Pages")).toHaveValue("973");
    expect(screen.getByLabelText("Format")).toHaveValue("paperback");
    expect(languageInput()).toHaveValue("en");

    await user.clear(screen.getByLabelText("Pages"));
    await user.type(screen.getByLabelText("Pages"), "1000");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/books/1"));
    expect(api.bodies).toEqual([{ pages: 1000 }]);
  });

  it("sends a changed or cleared date as its three parts", async () => {
    const api = write("patch", "/editions/100/", 200, edition(100));
    server.use(...signedInAs(), book1, edition100, api.handler);
    const { user, router } = await openEditForm();

    await user.clear(screen.getByLabelText("Publication date"));
    await user.clear(screen.getByLabelText("Pages"));
    await user.selectOptions(screen.getByLabelText("Format"), "");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/books/1"));
    expect(api.bodies).toEqual([
      { publication_year: null, publication_month: null, publication_day: null, pages: null, format: "" },
    ]);
  });

  it("checks the fields, shows the server's messages and a taken ISBN's book", async () => {
    let answer: { status: number; body: unknown } = { status: 400, body: { language: ["Unknown language (server)."] } };
    const bodies: unknown[] = [];
    server.use(
      ...signedInAs(),
      book1,
      edition100,
      ...duplicateIsbn.handlers,
      http.patch(`${API}/editions/100/`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(answer.body as Record<string, unknown>, { status: answer.status });
      }),
    );
    const { user } = await openEditForm();
    const isbn = screen.getByLabelText("ISBN");
    const language = languageInput();

    await user.clear(isbn);
    await user.type(isbn, "0451166893");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(describedText(isbn)).toBe("Enter a valid ISBN-10 or ISBN-13.");
    expect(bodies).toEqual([]);

    await user.clear(isbn);
    await user.clear(language);
    await user.type(language, "xx");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(describedText(language)).toBe("Unknown language (server)."));
    expect(bodies).toEqual([{ isbn: "", language: "xx" }]);

    answer = { status: 409, body: duplicateIsbn.body };
    await user.type(isbn, "9780333519837");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Another edition already has this ISBN, so nothing was saved.");
    expect(await within(alert).findByRole("link", { name: "See it in “Los pilares de la Tierra”" })).toHaveAttribute(
      "href",
      "/books/9",
    );
    expect(bodies.at(-1)).toEqual({ isbn: "9780333519837", language: "xx" });
  });

  it("says so when the edition does not exist", async () => {
    server.use(
      ...signedInAs(),
      http.get(`${API}/editions/404/`, () =>
        HttpResponse.json({ detail: "Edition not found.", code: "not_found" }, { status: 404 }),
      ),
    );
    renderApp("/editions/404/edit");
    expect(await screen.findByText("This edition does not exist or was removed.")).toBeInTheDocument();
  });
});
