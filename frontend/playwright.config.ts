import { tmpdir } from "node:os";
import { join } from "node:path";

import { defineConfig, devices } from "@playwright/test";

// The browser test runs against the real deploy project, which serves the built SPA
// (frontend/dist) and the API on one origin: run `npm run build` first.
// E2E_PORT picks another port, so that several checkouts can run their tests side by side.
const port = process.env.E2E_PORT || "8765";
const baseURL = `http://127.0.0.1:${port}`;

// The server prints every email to stdout (Django's console backend); the password reset
// test reads its link from this file. Shared with the tests through the environment.
process.env.E2E_MAIL_LOG ??= join(tmpdir(), `mybookconnect-e2e-${port}-mail.log`);
const mailLog = process.env.E2E_MAIL_LOG;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        headless: true,
        launchOptions: {
          // Debian's Chromium; Playwright's own browser download is not used.
          executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `bash ../deploy_project/scripts/e2e_server.sh > "${mailLog}"`,
    url: `${baseURL}/api/v1/health/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stderr: "pipe",
    env: {
      E2E_PORT: port,
      EMAIL_URL: "",
      EMAIL_BACKEND: "django.core.mail.backends.console.EmailBackend",
      // Emails link to the SPA this server serves.
      USERS_FRONTEND_URL: baseURL,
    },
  },
});
