import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { anonymousRefresh, API, describedText, signedInAs } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

import { useAuthStore } from "../stores/auth-store";

const messagesFor = (label: string) => describedText(screen.getByLabelText(label));

describe("password reset", () => {
  it("asks for a link and gives the same answer whatever the address", async () => {
    let sent: unknown = null;
    server.use(
      anonymousRefresh,
      http.post(`${API}/auth/password/reset/`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json({ detail: "If an account uses that address, we sent a link to it." }, { status: 202 });
      }),
    );
    const { user } = renderApp("/login");
    await user.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    await user.type(await screen.findByLabelText("Email"), "ana@example.com");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("If an account uses ana@example.com");
    expect(sent).toEqual({ email: "ana@example.com" });
  });

  it("sets the new password with the link's uid and token, errors beside the field", async () => {
    const bodies: unknown[] = [];
    server.use(
      anonymousRefresh,
      http.post(`${API}/auth/password/reset/confirm/`, async ({ request }) => {
        bodies.push(await request.json());
        return bodies.length === 1
          ? HttpResponse.json({ new_password: ["This password is too common."] }, { status: 400 })
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const { user } = renderApp("/reset-password/MQ/abc-123");
    await user.type(await screen.findByLabelText("New password"), "password1");
    await user.type(screen.getByLabelText("Confirm password"), "password1");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByText("This password is too common.")).toBeInTheDocument();
    expect(messagesFor("New password")).toBe("This password is too common.");

    await user.clear(screen.getByLabelText("New password"));
    await user.type(screen.getByLabelText("New password"), "Correct-Horse-9");
    await user.clear(screen.getByLabelText("Confirm password"));
    await user.type(screen.getByLabelText("Confirm password"), "Correct-Horse-9");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Your password was changed.");
    expect(bodies[1]).toEqual({ uid: "MQ", token: "abc-123", new_password: "Correct-Horse-9" });
  });

  it("explains a used or expired link and offers a new one", async () => {
    server.use(
      anonymousRefresh,
      http.post(`${API}/auth/password/reset/confirm/`, () =>
        HttpResponse.json({ token: ["The link is invalid or has expired."] }, { status: 400 }),
      ),
    );
    const { user } = renderApp("/reset-password/MQ/used");
    await user.type(await screen.findByLabelText("New password"), "Correct-Horse-9");
    await user.type(screen.getByLabelText("Confirm password"), "Correct-Horse-9");
    await user.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This reset link is invalid, expired or already used.");
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
  });
});

describe("account settings", () => {
  it("changes the password and continues with the new access token", async () => {
    server.use(
      ...signedInAs(),
      http.post(`${API}/auth/session/password/`, async ({ request }) => {
        const body = (await request.json()) as { current_password: string };
        if (body.current_password !== "old-password") {
          return HttpResponse.json({ current_password: ["Your current password is wrong."] }, { status: 400 });
        }
        return HttpResponse.json({ access: "access-2" });
      }),
    );
    const { user } = renderApp("/settings/account");
    await user.type(await screen.findByLabelText("Current password"), "nope");
    await user.type(screen.getByLabelText("New password"), "Correct-Horse-9");
    await user.type(screen.getByLabelText("Confirm password"), "Correct-Horse-9");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Your current password is wrong.")).toBeInTheDocument();
    expect(messagesFor("Current password")).toBe("Your current password is wrong.");

    await user.clear(screen.getByLabelText("Current password"));
    await user.type(screen.getByLabelText("Current password"), "old-password");
    await user.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText(/Your password was changed/)).toBeInTheDocument();
    expect(useAuthStore.getState().accessToken).toBe("access-2");
    expect(screen.getByLabelText("Current password")).toHaveValue("");
  });

  it("deletes the account with the password and signs out", async () => {
    let deleted: unknown = null;
    server.use(
      ...signedInAs(),
      http.delete(`${API}/auth/me/`, async ({ request }) => {
        deleted = await request.json();
        return new HttpResponse(null, { status: 204 });
      }),
    );
    window.confirm = () => true;
    const { user, router } = renderApp("/settings/data");
    await user.type(await screen.findByLabelText("Password"), "secret-pass");
    await user.click(screen.getByRole("button", { name: "Delete my account" }));
    await screen.findByRole("heading", { name: "Keep track of every book you read" });
    expect(router.state.location.pathname).toBe("/");
    expect(deleted).toEqual({ password: "secret-pass" });
    expect(useAuthStore.getState().status).toBe("anonymous");
  });
});
