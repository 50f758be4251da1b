import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { bookSummary } from "@/testing/mocks/books";
import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

describe("book search results page", () => {
  it("sends the URL's query, filters, sort and page, and keeps changes in the URL", async () => {
    const requests: Record<string, string>[] = [];
    server.use(
      anonymousRefresh,
      http.get(`${API}/books/`, ({ request }) => {
        const params = Object.fromEntries(new URL(request.url).searchParams);
        requests.push(params);
        return HttpResponse.json({
          count: 41,
          next: "http://x/api/v1/books/?page=3",
          previous: "http://x/api/v1/books/?page=1",
          results: [bookSummary(1, `Result ${params.ordering ?? "default"} ${params.page}`)],
        });
      }),
    );
    const { user, router } = renderApp("/books?q=follett&subject=historical-fiction&year_min=1980&page=2");

    expect(await screen.findByRole("link", { name: "Result default 2" })).toHaveAttribute("href", "/books/1");
    expect(requests[0]).toEqual({ q: "follett", subject: "historical-fiction", year_min: "1980", page: "2", page_size: "20" });
    expect(screen.getByText("41 books")).toBeInTheDocument();
    expect(screen.getByText("Subject: historical-fiction")).toBeInTheDocument();

    // A new sort order applies at once and goes back to the first page.
    await user.selectOptions(screen.getByLabelText("Sort by"), "-first_published_year");
    expect(await screen.findByRole("link", { name: "Result -first_published_year 1" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?q=follett&subject=historical-fiction&year_min=1980&ordering=-first_published_year");

    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get("page")).toBe("2"));

    // Removing the subject filter keeps the rest.
    await user.click(screen.getByRole("button", { name: "Remove filter: Subject: historical-fiction" }));
    await waitFor(() => expect(router.state.location.search).toBe("?q=follett&year_min=1980&ordering=-first_published_year"));
  });
});
