import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { bookDetail } from "@/testing/mocks/books";
import { anonymousRefresh, API, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

describe("book page", () => {
  it("shows the cover, authors with roles, series, subjects, description, histogram and editions", async () => {
    server.use(anonymousRefresh, http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))));
    renderApp("/books/1");

    expect(await screen.findByRole("heading", { level: 1, name: "The Pillars of the Earth" })).toBeInTheDocument();
    expect(screen.getByText("A Novel")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ken Follett" })).toHaveAttribute("href", "/authors/10");
    expect(screen.getByRole("link", { name: "Ana Traductora" })).toHaveAttribute("href", "/authors/11");
    expect(screen.getByText("(translator)")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Kingsbridge #1" })).toHaveAttribute("href", "/series/5");
    expect(screen.getByRole("link", { name: "Historical fiction" })).toHaveAttribute(
      "href",
      "/books?subject=historical-fiction",
    );
    expect(screen.getByRole("link", { name: "Edit history" })).toHaveAttribute("href", "/books/1/history");
    // Anonymous readers are not offered the edit form.
    expect(screen.queryByRole("link", { name: "Edit book" })).not.toBeInTheDocument();
    // The description is text: markup in it is shown, never interpreted.
    expect(screen.getByText(/Set in <b>twelfth-century<\/b> England\./)).toBeInTheDocument();

    // Histogram: one bar per half star, as wide as its share of the most common rating.
    expect(screen.getByText("4.25 out of 5 from 20 ratings")).toBeInTheDocument();
    const widths = [5, 4.5, 4, 3, 2, 1].map(
      (stars) => (within(screen.getByTestId(`histogram-${stars}`)).getByTestId("histogram-bar") as HTMLElement).style.width,
    );
    expect(widths).toEqual(["100%", "25%", "62.5%", "50%", "0%", "12.5%"]);
    expect(screen.getByTestId("histogram-4.5")).toHaveTextContent("4.5 stars");
    expect(within(screen.getByTestId("histogram-2")).getByText("0 ratings")).toBeInTheDocument();

    // Editions table.
    expect(screen.getByRole("heading", { name: "2 editions" })).toBeInTheDocument();
    const rows = within(screen.getByRole("table", { name: "Editions" })).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
      "Paperback",
      "Signet",
      "1990-08",
      "973",
      "en",
      "9780451166890",
      "0451166892",
    ]);
    expect(within(rows[2] as HTMLElement).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
      "Hardcover",
      "Macmillan",
      "1989",
      "—",
      "en",
      "9780333519837",
      "—",
    ]);
  });

  it("offers signed-in readers the edit form and follows a merged book to its survivor", async () => {
    server.use(
      ...signedInAs(),
      // The browser follows the 301 itself: the answer is the survivor.
      http.get(`${API}/books/3/`, () => HttpResponse.json(bookDetail(1))),
    );
    const { router } = renderApp("/books/3");
    expect(await screen.findByRole("link", { name: "Edit book" })).toHaveAttribute("href", "/books/1/edit");
    await vi.waitFor(() => expect(router.state.location.pathname).toBe("/books/1"));
  });

  it("says so when the book does not exist", async () => {
    server.use(
      anonymousRefresh,
      http.get(`${API}/books/9/`, () => HttpResponse.json({ detail: "Not found.", code: "not_found" }, { status: 404 })),
    );
    renderApp("/books/9");
    expect(await screen.findByText("This book does not exist or was removed.")).toBeInTheDocument();
  });

  it("shows the book in Spanish", async () => {
    server.use(anonymousRefresh, http.get(`${API}/books/1/`, () => HttpResponse.json(bookDetail(1))));
    window.localStorage.setItem("mbc.language", "es");
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage("es");
    renderApp("/books/1");
    expect(await screen.findByRole("heading", { name: "2 ediciones" })).toBeInTheDocument();
    expect(screen.getByText("(traducción)")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Kingsbridge n.º 1" })).toBeInTheDocument();
  });
});
