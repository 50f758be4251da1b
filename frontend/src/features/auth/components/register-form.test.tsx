import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { anonymousRefresh, API, signedInApi } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

/** The messages shown under an input (its aria-describedby target). */
function messagesFor(label: string): string {
  const input = screen.getByLabelText(label);
  const describedBy = input.getAttribute("aria-describedby");
  if (!describedBy) return "";
  return document.getElementById(describedBy)?.textContent ?? "";
}

async function fillForm(user: ReturnType<typeof renderApp>["user"]) {
  await user.type(await screen.findByLabelText("Username"), "ana");
  await user.type(screen.getByLabelText("Email"), "ana@example.com");
  await user.type(screen.getByLabelText("Password"), "password");
  await user.type(screen.getByLabelText("Confirm password"), "password");
}

describe("register form", () => {
  it("shows the server's field errors beside each field and form errors above", async () => {
    server.use(
      anonymousRefresh,
      http.post(`${API}/auth/register/`, () =>
        HttpResponse.json(
          {
            username: ["A user with that username already exists."],
            email: ["An account with this email already exists."],
            password: ["This password is too common."],
            non_field_errors: ["Registrations are paused."],
          },
          { status: 400 },
        ),
      ),
    );
    const { user, router } = renderApp("/register");
    await fillForm(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Registrations are paused.");
    expect(messagesFor("Username")).toBe("A user with that username already exists.");
    expect(messagesFor("Email")).toBe("An account with this email already exists.");
    expect(messagesFor("Password")).toBe("This password is too common.");
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Confirm password")).not.toHaveAttribute("aria-invalid");
    expect(router.state.location.pathname).toBe("/register");

    // Editing a field clears its server message, the others stay.
    await user.type(screen.getByLabelText("Username"), "2");
    expect(messagesFor("Username")).not.toContain("already exists");
    expect(messagesFor("Email")).toBe("An account with this email already exists.");
  });

  it("validates on the client before sending anything", async () => {
    let requests = 0;
    server.use(
      anonymousRefresh,
      http.post(`${API}/auth/register/`, () => {
        requests += 1;
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    const { user } = renderApp("/register");
    await screen.findByLabelText("Username");

    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(messagesFor("Username")).toBe("This field is required.");
    expect(messagesFor("Email")).toBe("This field is required.");

    await user.type(screen.getByLabelText("Username"), "bad name!");
    await user.type(screen.getByLabelText("Email"), "not-an-email");
    await user.type(screen.getByLabelText("Password"), "short");
    await user.type(screen.getByLabelText("Confirm password"), "other");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(messagesFor("Username")).toBe("Use only letters, digits and @/./+/-/_.");
    expect(messagesFor("Email")).toBe("Enter a valid email address.");
    expect(messagesFor("Password")).toBe("Use at least 8 characters.");
    expect(messagesFor("Confirm password")).toBe("The two passwords do not match.");
    expect(requests).toBe(0);
  });

  it("registers, logs in and greets the new reader", async () => {
    let registered: unknown = null;
    server.use(
      anonymousRefresh,
      ...signedInApi,
      http.post(`${API}/auth/register/`, async ({ request }) => {
        registered = await request.json();
        return HttpResponse.json(
          { id: 7, username: "ana", email: "ana@example.com", date_joined: "2024-03-01T10:00:00Z" },
          { status: 201 },
        );
      }),
    );
    const { user, router } = renderApp("/register");
    await fillForm(user);
    await user.click(screen.getByRole("button", { name: "Create account" }));

    expect(await screen.findByTestId("home-greeting")).toHaveTextContent("Welcome back, ana!");
    expect(router.state.location.pathname).toBe("/");
    expect(registered).toEqual({ username: "ana", email: "ana@example.com", password: "password" });
    const banner = screen.getByRole("banner");
    expect(within(banner).queryByRole("link", { name: "Log in" })).not.toBeInTheDocument();
  });
});
