import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";

import { api, configureAuth, refreshAccessToken } from "@/lib/api-client";
import { i18n } from "@/lib/i18n";
import { API } from "@/testing/mocks/handlers";
import { server } from "@/testing/mocks/server";

/** A protected endpoint that accepts only `validToken`. */
function protectedEndpoint(validToken: string, seen: (string | null)[] = []) {
  return http.get(`${API}/books/`, ({ request }) => {
    const authorization = request.headers.get("Authorization");
    seen.push(authorization);
    if (authorization === `Bearer ${validToken}`) {
      return HttpResponse.json({ ok: true, language: request.headers.get("Accept-Language") });
    }
    return HttpResponse.json({ detail: "Token is invalid or expired", code: "token_not_valid" }, { status: 401 });
  });
}

function countingRefresh(answer: () => Response) {
  const calls = { count: 0, withCredentialsCookieBody: [] as string[] };
  const handler = http.post(`${API}/auth/session/refresh/`, async ({ request }) => {
    calls.count += 1;
    calls.withCredentialsCookieBody.push(await request.text());
    // Slow enough that concurrent 401s all arrive while this refresh is in flight.
    await new Promise((resolve) => setTimeout(resolve, 30));
    return answer();
  });
  return { calls, handler };
}

/** A minimal session owner, standing in for the auth feature. */
const session = { token: null as string | null, expiredCalls: 0 };

function signIn(token: string) {
  session.token = token;
}

beforeEach(() => {
  session.token = null;
  session.expiredCalls = 0;
  configureAuth({
    getAccessToken: () => session.token,
    refreshAccessToken: async () => {
      const response = await api.post<{ access: string }>("/auth/session/refresh/", null, { skipAuthRefresh: true });
      session.token = response.data.access;
      return session.token;
    },
    onSessionExpired: () => {
      session.token = null;
      session.expiredCalls += 1;
    },
  });
});

describe("api client", () => {
  it("sends the access token and the interface language", async () => {
    signIn("good");
    await i18n.changeLanguage("es");
    server.use(protectedEndpoint("good"));

    const response = await api.get(`/books/`);

    expect(response.data).toEqual({ ok: true, language: "es" });
  });

  it("refreshes once for concurrent 401s and retries each request with the new token", async () => {
    signIn("expired");
    const seen: (string | null)[] = [];
    const refresh = countingRefresh(() => HttpResponse.json({ access: "fresh" }));
    server.use(protectedEndpoint("fresh", seen), refresh.handler);

    const results = await Promise.all([api.get("/books/"), api.get("/books/"), api.get("/books/")]);

    expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
    expect(refresh.calls.count).toBe(1);
    expect(refresh.calls.withCredentialsCookieBody).toEqual([""]);
    expect(seen.filter((header) => header === "Bearer expired")).toHaveLength(3);
    expect(seen.filter((header) => header === "Bearer fresh")).toHaveLength(3);
    expect(session.token).toBe("fresh");
    expect(session.expiredCalls).toBe(0);
  });

  it("retries a request at most once", async () => {
    signIn("expired");
    const seen: (string | null)[] = [];
    // The refresh "works" but the new token is refused too: no loop.
    const refresh = countingRefresh(() => HttpResponse.json({ access: "also-refused" }));
    server.use(protectedEndpoint("never", seen), refresh.handler);

    await expect(api.get("/books/")).rejects.toMatchObject({ response: { status: 401 } });
    expect(refresh.calls.count).toBe(1);
    expect(seen).toEqual(["Bearer expired", "Bearer also-refused"]);
  });

  it("ends the session when the refresh fails", async () => {
    signIn("expired");
    const refresh = countingRefresh(() =>
      HttpResponse.json({ detail: "Token is blacklisted", code: "token_not_valid" }, { status: 401 }),
    );
    server.use(protectedEndpoint("fresh"), refresh.handler);

    const outcomes = await Promise.allSettled([api.get("/books/"), api.get("/books/")]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(refresh.calls.count).toBe(1);
    expect(session.token).toBeNull();
    expect(session.expiredCalls).toBe(1);
  });

  it("retries with a token refreshed meanwhile instead of refreshing again", async () => {
    signIn("expired");
    const refresh = countingRefresh(() => HttpResponse.json({ access: "fresh" }));
    server.use(
      refresh.handler,
      http.get(`${API}/books/`, async ({ request }) => {
        const authorization = request.headers.get("Authorization");
        if (authorization === "Bearer expired") {
          // Another caller renews the session while this request is on its way.
          signIn("fresh");
          return HttpResponse.json({ detail: "expired", code: "token_not_valid" }, { status: 401 });
        }
        return HttpResponse.json({ authorization });
      }),
    );

    const response = await api.get("/books/");

    expect(response.data).toEqual({ authorization: "Bearer fresh" });
    expect(refresh.calls.count).toBe(0);
  });

  it("does not refresh for a request sent without a token", async () => {
    const refresh = countingRefresh(() => HttpResponse.json({ access: "fresh" }));
    server.use(protectedEndpoint("fresh"), refresh.handler);

    await expect(api.get("/books/")).rejects.toMatchObject({ response: { status: 401 } });
    expect(refresh.calls.count).toBe(0);
  });

  it("shares one refresh between callers and allows a new one afterwards", async () => {
    const refresh = countingRefresh(() => HttpResponse.json({ access: `token-${refresh.calls.count}` }));
    server.use(refresh.handler);

    const [first, second] = await Promise.all([refreshAccessToken(), refreshAccessToken()]);
    expect(first).toBe("token-1");
    expect(second).toBe("token-1");
    expect(await refreshAccessToken()).toBe("token-2");
    expect(refresh.calls.count).toBe(2);
  });

  it("rejects refreshes when no auth bridge is configured", async () => {
    configureAuth(null);
    await expect(refreshAccessToken()).rejects.toThrow(/no auth bridge/);
  });
});
