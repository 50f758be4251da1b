import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";

import { detectLanguage, LANGUAGE_STORAGE_KEY } from "@/lib/i18n";
import { anonymousRefresh, API } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";
import { chooseMenuItem, renderApp } from "@/testing/test-utils";

describe("language switcher", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("switches the interface to Spanish, remembers it and sets <html lang>", async () => {
    const languages: (string | null)[] = [];
    server.use(
      http.post(`${API}/auth/session/refresh/`, ({ request }) => {
        languages.push(request.headers.get("Accept-Language"));
        return HttpResponse.json({ detail: "No refresh cookie.", code: "token_not_valid" }, { status: 401 });
      }),
      http.post(`${API}/auth/session/`, ({ request }) => {
        languages.push(request.headers.get("Accept-Language"));
        return HttpResponse.json({ detail: "Credenciales inválidas", code: "no_active_account" }, { status: 401 });
      }),
    );
    const { user } = renderApp("/login");
    expect(await screen.findByRole("heading", { name: "Log in to your account" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");

    await user.click(screen.getByRole("button", { name: "Language" }));
    await chooseMenuItem(user, "Español");

    expect(await screen.findByRole("heading", { name: "Inicia sesión en tu cuenta" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Inicio" })).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("es");
    expect(document.documentElement.lang).toBe("es");

    // The API is asked in the reader's language too.
    await user.type(screen.getByLabelText("Usuario o correo electrónico"), "ana");
    await user.type(screen.getByLabelText("Contraseña"), "nope");
    await user.click(screen.getByRole("button", { name: "Iniciar sesión" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Credenciales inválidas");
    await waitFor(() => expect(languages).toEqual(["en", "es"]));
  });

  it("defaults to the browser language, and a remembered choice wins", () => {
    vi.stubGlobal("navigator", { ...navigator, language: "es-AR", languages: ["es-AR", "en"] });
    expect(detectLanguage()).toBe("es");

    vi.stubGlobal("navigator", { ...navigator, language: "fr-FR", languages: ["fr-FR"] });
    expect(detectLanguage()).toBe("en");

    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "es");
    expect(detectLanguage()).toBe("es");
  });
});

describe("Spanish start-up", () => {
  it("renders the header in the remembered language", async () => {
    server.use(anonymousRefresh);
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "es");
    const { i18n } = await import("@/lib/i18n");
    await i18n.changeLanguage(detectLanguage());
    renderApp("/");
    expect(await screen.findByRole("heading", { name: "Lleva la cuenta de cada libro que lees" })).toBeInTheDocument();
  });
});
