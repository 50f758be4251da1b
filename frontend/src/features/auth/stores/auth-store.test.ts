import { describe, expect, it, vi } from "vitest";

import { selectIsAuthenticated, useAuthStore } from "./auth-store";

describe("auth store", () => {
  it("starts unknown until the start-up refresh settles", () => {
    const state = useAuthStore.getState();
    expect(state.status).toBe("unknown");
    expect(state.accessToken).toBeNull();
    expect(selectIsAuthenticated(state)).toBe(false);
  });

  it("signs in with an access token and out again", () => {
    useAuthStore.getState().signIn("token-abc");
    expect(useAuthStore.getState()).toMatchObject({ accessToken: "token-abc", status: "authenticated" });
    expect(selectIsAuthenticated(useAuthStore.getState())).toBe(true);

    useAuthStore.getState().signOut();
    expect(useAuthStore.getState()).toMatchObject({ accessToken: null, status: "anonymous" });
    expect(selectIsAuthenticated(useAuthStore.getState())).toBe(false);
  });

  it("never writes the token to web storage", () => {
    const setItem = vi.spyOn(Storage.prototype, "setItem");
    useAuthStore.getState().signIn("secret-token");
    expect(setItem).not.toHaveBeenCalled();
    expect(JSON.stringify({ ...window.localStorage })).not.toContain("secret-token");
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain("secret-token");
    expect(document.cookie).not.toContain("secret-token");
  });
});
