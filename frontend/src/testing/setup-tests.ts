import "@testing-library/jest-dom/vitest";
import "@/lib/i18n";

import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

import { authBridge, useAuthStore } from "@/features/auth";
import { configureAuth } from "@/lib/api-client";
import { i18n } from "@/lib/i18n";

import { server } from "./mocks/server";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));

beforeEach(async () => {
  window.localStorage.clear();
  useAuthStore.setState({ accessToken: null, status: "unknown", leftOnPurpose: false });
  configureAuth(authBridge);
  await i18n.changeLanguage("en");
});

afterEach(() => {
  cleanup();
  server.resetHandlers();
});

afterAll(() => server.close());
