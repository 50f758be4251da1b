import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { API, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

import type { PublicProfile, Relationship } from "../types";

/** A fake graph: bob's profile reflects what the follow endpoints did. */
function bobServer({ approvesFollowers }: { approvesFollowers: boolean }) {
  const relationship: { -readonly [K in keyof Relationship]: Relationship[K] } = { is_self: false, following: false, requested: false, followed_by: true, blocking: false };
  const calls: string[] = [];
  const handlers = [
    http.get(`${API}/users/bob/`, () =>
      HttpResponse.json({
        username: "bob",
        display_name: "",
        avatar: null,
        profile_visibility: approvesFollowers ? "followers" : "public",
        can_view_profile: !approvesFollowers || relationship.following,
        relationship: { ...relationship },
      } satisfies PublicProfile),
    ),
    http.post(`${API}/users/bob/follow/`, () => {
      calls.push("follow");
      if (approvesFollowers) {
        relationship.requested = true;
        return HttpResponse.json({ status: "requested" }, { status: 202 });
      }
      relationship.following = true;
      return HttpResponse.json({ status: "following" }, { status: 201 });
    }),
    http.delete(`${API}/users/bob/follow/`, () => {
      calls.push("unfollow");
      relationship.following = false;
      relationship.requested = false;
      return new HttpResponse(null, { status: 204 });
    }),
  ];
  return { handlers, calls };
}

describe("follow button", () => {
  it("moves Follow back -> Following -> Follow back for a reader who accepts everyone", async () => {
    const bob = bobServer({ approvesFollowers: false });
    server.use(...signedInAs(), ...bob.handlers);
    const { user } = renderApp("/u/bob");

    await user.click(await screen.findByRole("button", { name: "Follow back" }));
    expect(await screen.findByTestId("follow-status")).toHaveTextContent("Following");
    await user.click(screen.getByRole("button", { name: "Unfollow" }));
    expect(await screen.findByRole("button", { name: "Follow back" })).toBeInTheDocument();
    expect(screen.queryByTestId("follow-status")).not.toBeInTheDocument();
    expect(bob.calls).toEqual(["follow", "unfollow"]);
  });

  it("shows Requested for a reader who approves followers, and withdraws the request", async () => {
    const bob = bobServer({ approvesFollowers: true });
    server.use(...signedInAs(), ...bob.handlers);
    const { user } = renderApp("/u/bob");

    await user.click(await screen.findByRole("button", { name: "Follow back" }));
    expect(await screen.findByTestId("follow-status")).toHaveTextContent("Requested");
    expect(screen.getByTestId("profile-restricted")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Cancel request" }));
    await waitFor(() => expect(screen.queryByTestId("follow-status")).not.toBeInTheDocument());
    expect(bob.calls).toEqual(["follow", "unfollow"]);
  });

  it("keeps the state and says why when the server refuses", async () => {
    server.use(...signedInAs(), ...bobServer({ approvesFollowers: false }).handlers);
    server.use(
      http.post(`${API}/users/bob/follow/`, () =>
        HttpResponse.json({ detail: "You cannot follow this reader.", code: "blocked" }, { status: 403 }),
      ),
    );
    const { user } = renderApp("/u/bob");
    await user.click(await screen.findByRole("button", { name: "Follow back" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("You cannot follow this reader.");
    expect(screen.getByRole("button", { name: "Follow back" })).toBeInTheDocument();
  });
});
