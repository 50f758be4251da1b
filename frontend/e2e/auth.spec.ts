import { expect, test } from "@playwright/test";

test("a reader registers, logs in, stays signed in across a reload and logs out", async ({ page }) => {
  const username = `reader${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const password = "Correct-Horse-Battery-9";

  // English whatever the browser's locale, so the labels below are stable.
  await page.addInitScript(() => window.localStorage.setItem("mbc.language", "en"));

  // Register: the SPA registers, then logs straight in and lands on the home page.
  await page.goto("/register");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);

  // Log out, then log in again through the protected page's redirect.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/me");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await expect(page.getByTestId("account-username")).toHaveText(username);
  await expect(page.getByTestId("account-email")).toHaveText(`${username}@example.com`);

  // The access token lives in memory only: a reload starts from the refresh cookie.
  const storage = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  expect(storage).not.toContain("eyJ");
  const cookies = await page.context().cookies();
  const refreshCookie = cookies.find((cookie) => cookie.name === "mbc_refresh");
  expect(refreshCookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth/session/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("mbc_refresh");

  await page.reload();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId("account-username")).toHaveText(username);

  // Log out: the protected page now sends the reader to login.
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto("/me");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
  await expect(page.getByRole("heading", { name: "Log in to your account" })).toBeVisible();

  // And after a reload the cookie is gone for good.
  await page.reload();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
});

test("the SPA answers client-side routes and unknown paths after a reload", async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem("mbc.language", "es"));
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { name: "Página no encontrada" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
});
