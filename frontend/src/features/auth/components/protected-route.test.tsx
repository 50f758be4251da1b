import { screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { anonymousRefresh, API, signedInApi, testAccount } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { chooseMenuItem, renderApp } from "@/testing/test-utils";

describe("protected routes", () => {
  it("send a logged-out reader to login and back after logging in", async () => {
    server.use(anonymousRefresh, ...signedInApi);
    const { router, user } = renderApp("/me?tab=details");

    await screen.findByRole("heading", { name: "Log in to your account" });
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toBe(`?redirectTo=${encodeURIComponent("/me?tab=details")}`);
    expect(screen.getByText("Please log in to see that page.")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Username or email"), "ana");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    await screen.findByRole("heading", { name: "My account" });
    expect(router.state.location.pathname).toBe("/me");
    expect(router.state.location.search).toBe("?tab=details");
    expect(await screen.findByTestId("account-email")).toHaveTextContent(testAccount.email);
  });

  it("let a reader with a refresh cookie straight in after a reload", async () => {
    server.use(
      http.post(`${API}/auth/session/refresh/`, () => HttpResponse.json({ access: "access-1" })),
      ...signedInApi,
    );
    const { router } = renderApp("/me");

    expect(await screen.findByTestId("account-username")).toHaveTextContent("ana");
    expect(router.state.location.pathname).toBe("/me");
  });

  it("show the login page again after the session ends", async () => {
    server.use(
      http.post(`${API}/auth/session/refresh/`, () => HttpResponse.json({ access: "access-1" })),
      ...signedInApi,
    );
    const { router, user } = renderApp("/me");
    await screen.findByTestId("account-username");

    await user.click(screen.getByRole("button", { name: "Account menu" }));
    await chooseMenuItem(user, "Log out");

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    await router.navigate("/me");
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    const banner = await screen.findByRole("banner");
    expect(within(banner).getByRole("link", { name: "Log in" })).toBeInTheDocument();
  });

  it("refuse to redirect off-site after login", async () => {
    server.use(anonymousRefresh, ...signedInApi);
    const { router, user } = renderApp(`/login?redirectTo=${encodeURIComponent("//evil.example/")}`);

    await user.type(await screen.findByLabelText("Username or email"), "ana");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Log in" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(await screen.findByTestId("home-greeting")).toHaveTextContent("Welcome back, ana!");
  });
});
