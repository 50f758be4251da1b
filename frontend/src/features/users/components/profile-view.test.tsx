import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { anonymousRefresh, API, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { readerProfile, serveProfile, stranger } from "@/testing/profile-route";
import { renderApp } from "@/testing/test-utils";

import type { PublicProfile } from "../types";

/** Bob's profile in full: every detail a visible profile may show. */
function profile(overrides: Partial<PublicProfile> = {}): PublicProfile {
  return readerProfile({
    bio: "Line one\n<b>not bold</b> <script>alert(1)</script>",
    location: "Lima",
    website: "https://bob.example",
    favourite_genres: ["Mystery", "Poetry"],
    counts: { followers: 3, following: 4 },
    date_joined: "2024-05-01T00:00:00Z",
    ...overrides,
  });
}

describe("profile page", () => {
  it("shows a visible profile in full, the bio as plain text", async () => {
    server.use(anonymousRefresh, serveProfile(profile()));
    renderApp("/u/bob");

    expect(await screen.findByTestId("profile-name")).toHaveTextContent("Bob Reader");
    const bio = screen.getByTestId("profile-bio");
    expect(bio.textContent).toBe("Line one\n<b>not bold</b> <script>alert(1)</script>");
    expect(bio.querySelector("b, script")).toBeNull();
    expect(screen.getByRole("link", { name: "https://bob.example" })).toHaveAttribute("rel", "nofollow noopener noreferrer ugc");
    expect(screen.getByText("Mystery")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /3 Followers/ })).toHaveAttribute("href", "/u/bob/followers");
    expect(screen.queryByTestId("profile-restricted")).not.toBeInTheDocument();
  });

  it("shows only a minimal card and a follow button for a followers-only profile", async () => {
    server.use(
      ...signedInAs(),
      serveProfile(
        profile({
          profile_visibility: "followers",
          can_view_profile: false,
          bio: undefined,
          location: undefined,
          website: undefined,
          favourite_genres: undefined,
          counts: undefined,
          date_joined: undefined,
        }),
      ),
    );
    renderApp("/u/bob");

    const restricted = await screen.findByTestId("profile-restricted");
    expect(restricted).toHaveTextContent("This profile is for followers only.");
    expect(screen.getByTestId("profile-name")).toHaveTextContent("Bob Reader");
    expect(screen.getByRole("button", { name: "Follow" })).toBeInTheDocument();
    expect(screen.queryByTestId("profile-bio")).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Followers/ })).not.toBeInTheDocument();
  });

  it("says a private profile is private", async () => {
    server.use(
      anonymousRefresh,
      serveProfile(profile({ profile_visibility: "private", can_view_profile: false, bio: undefined, counts: undefined })),
    );
    renderApp("/u/bob");
    expect(await screen.findByTestId("profile-restricted")).toHaveTextContent("This profile is private.");
    expect(screen.queryByTestId("profile-bio")).not.toBeInTheDocument();
  });

  it("offers the owner an edit button instead of follow", async () => {
    server.use(...signedInAs(), serveProfile(profile({ relationship: { ...stranger, is_self: true } })));
    renderApp("/u/bob");
    expect(await screen.findByRole("link", { name: "Edit profile" })).toHaveAttribute("href", "/settings/profile");
    expect(screen.queryByRole("button", { name: "Follow" })).not.toBeInTheDocument();
  });

  it("answers a missing (or blocking) reader with not found", async () => {
    server.use(
      anonymousRefresh,
      http.get(`${API}/users/bob/`, () => HttpResponse.json({ detail: "Not found.", code: "not_found" }, { status: 404 })),
    );
    renderApp("/u/bob");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
  });

  it("sends a signed-out visitor who wants to follow to log in", async () => {
    server.use(anonymousRefresh, serveProfile(profile()));
    const { user, router } = renderApp("/u/bob");
    await user.click(await screen.findByRole("button", { name: "Follow" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    expect(router.state.location.search).toBe("?redirectTo=%2Fu%2Fbob");
    expect(await within(screen.getByRole("main")).findByRole("heading", { name: "Log in to your account" })).toBeInTheDocument();
  });
});
