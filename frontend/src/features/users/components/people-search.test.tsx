import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";

import { api } from "@/lib/api-client";
import { API, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

function searchServer(delayFor: Record<string, number> = {}) {
  const queries: string[] = [];
  const handler = http.get(`${API}/users/`, async ({ request }) => {
    const url = new URL(request.url);
    const search = url.searchParams.get("search") ?? "";
    const page = Number(url.searchParams.get("page") ?? "1");
    queries.push(`${search}#${page}`);
    await new Promise((resolve) => setTimeout(resolve, delayFor[search] ?? 0));
    return HttpResponse.json({
      count: 25,
      next: page < 2 ? `${url.origin}${url.pathname}?search=${search}&page=${page + 1}` : null,
      previous: page > 1 ? `${url.origin}${url.pathname}?search=${search}` : null,
      results: [{ username: `${search}-${page}`, display_name: `Result for ${search}`, avatar: null }],
    });
  });
  return { handler, queries };
}

describe("people search", () => {
  it("waits for typing to pause, then sends one search", async () => {
    const search = searchServer();
    server.use(...signedInAs(), search.handler);
    const { user } = renderApp("/people");

    await user.type(await screen.findByLabelText("Search readers"), "a");
    expect(screen.getByText("Type at least 2 characters.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Search readers"), "nabel");

    expect(await screen.findByText("@anabel-1")).toBeInTheDocument();
    expect(search.queries).toEqual(["anabel#1"]);
    expect(screen.getByText("25 readers found")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText("@anabel-2")).toBeInTheDocument();
    expect(screen.getByText("Page 2")).toBeInTheDocument();
    expect(search.queries).toEqual(["anabel#1", "anabel#2"]);
  });

  it("cancels a search that a newer one supersedes and never shows its results", async () => {
    const search = searchServer({ an: 1_500 });
    server.use(...signedInAs(), search.handler);
    const signals: AbortSignal[] = [];
    const get = api.get.bind(api);
    vi.spyOn(api, "get").mockImplementation((url, config) => {
      if (url === "/users/" && config?.signal) signals.push(config.signal as AbortSignal);
      return get(url, config);
    });
    const { user } = renderApp("/people");
    const input = await screen.findByLabelText("Search readers");

    await user.type(input, "an");
    await waitFor(() => expect(search.queries).toEqual(["an#1"]));
    await user.type(input, "a");

    expect(await screen.findByText("@ana-1")).toBeInTheDocument();
    expect(search.queries).toEqual(["an#1", "ana#1"]);
    expect(signals).toHaveLength(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    // The slow, superseded answer never replaces the newer one.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(screen.queryByText("@an-1")).not.toBeInTheDocument();
    expect(screen.getByText("@ana-1")).toBeInTheDocument();
  });
});
