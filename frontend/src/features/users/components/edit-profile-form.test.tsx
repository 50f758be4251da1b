import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";

import { API, describedText, signedInAs, testAccount } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { renderApp } from "@/testing/test-utils";

const messagesFor = (label: string) => describedText(screen.getByLabelText(label));

describe("edit profile form", () => {
  it("shows the server's field errors beside each field", async () => {
    server.use(
      ...signedInAs(),
      http.patch(`${API}/auth/me/`, () =>
        HttpResponse.json(
          {
            website: ["Enter a valid URL."],
            favourite_genres: { "1": ["Ensure this field has no more than 50 characters."] },
            birth_date: ["Date cannot be in the future."],
            unexpected: ["Something about a field the form does not show."],
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = renderApp("/settings/profile");
    await user.type(await screen.findByLabelText("Website"), "https://ana.example");
    await user.type(screen.getByLabelText("Favourite genres"), "Fantasy, Poetry");
    await user.click(screen.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Enter a valid URL.")).toBeInTheDocument();
    expect(messagesFor("Website")).toBe("Enter a valid URL.");
    expect(messagesFor("Favourite genres")).toBe("Ensure this field has no more than 50 characters.");
    expect(messagesFor("Birth date")).toBe("Date cannot be in the future.");
    expect(screen.getByLabelText("Website")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Something about a field the form does not show.");

    // Editing a field clears its server message only.
    await user.type(screen.getByLabelText("Website"), "x");
    expect(messagesFor("Website")).not.toContain("Enter a valid URL.");
    expect(messagesFor("Birth date")).toBe("Date cannot be in the future.");
  });

  it("validates every field on the client before sending anything", async () => {
    let patches = 0;
    server.use(
      ...signedInAs(),
      http.patch(`${API}/auth/me/`, () => {
        patches += 1;
        return HttpResponse.json(testAccount);
      }),
    );
    const { user } = renderApp("/settings/profile");
    const displayName = await screen.findByLabelText("Display name");
    // maxLength stops typing past the limit; paste-like input still gets checked.
    displayName.removeAttribute("maxlength");
    await user.type(displayName, "x".repeat(101));
    await user.click(screen.getByLabelText("About you"));
    await user.paste("b".repeat(501));
    await user.type(screen.getByLabelText("Birth date"), "2999-01-01");
    await user.type(screen.getByLabelText("Website"), "javascript:alert(1)");
    await user.type(screen.getByLabelText("Favourite genres"), Array.from({ length: 21 }, (_, i) => `g${i}`).join(","));
    await user.click(screen.getByRole("button", { name: "Save profile" }));

    expect(messagesFor("Display name")).toBe("Use at most 100 characters.");
    expect(messagesFor("About you")).toBe("Use at most 500 characters.");
    expect(messagesFor("Birth date")).toBe("The date cannot be in the future.");
    expect(messagesFor("Website")).toBe("Enter a full http:// or https:// address.");
    expect(messagesFor("Favourite genres")).toBe("List at most 20 genres.");
    expect(patches).toBe(0);

    await user.clear(screen.getByLabelText("Birth date"));
    await user.type(screen.getByLabelText("Birth date"), "1899-12-31");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(messagesFor("Birth date")).toBe("Use a date from 1900 on.");
    expect(patches).toBe(0);
  });

  it("sends the cleaned-up profile and confirms it was saved", async () => {
    let sent: unknown = null;
    server.use(
      ...signedInAs(),
      http.patch(`${API}/auth/me/`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(testAccount);
      }),
    );
    const { user } = renderApp("/settings/profile");
    await user.clear(await screen.findByLabelText("Display name"));
    await user.type(screen.getByLabelText("Display name"), "  Ana B.  ");
    await user.type(screen.getByLabelText("About you"), "Reads <b>everything</b>.");
    await user.type(screen.getByLabelText("Website"), "https://ana.example/blog");
    await user.type(screen.getByLabelText("Favourite genres"), "Fantasy, poetry, fantasy, , Sci-Fi");
    await user.click(screen.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Your profile was saved.")).toBeInTheDocument();
    expect(sent).toEqual({
      display_name: "Ana B.",
      bio: "Reads <b>everything</b>.",
      location: "",
      birth_date: null,
      website: "https://ana.example/blog",
      favourite_genres: ["Fantasy", "poetry", "Sci-Fi"],
    });
  });
});
