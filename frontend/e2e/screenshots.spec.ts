import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { gradientPng, logIn, PASSWORD, uniqueName } from "./support/readers";

// Screenshots of the main pages for a human to look at, not assertions: only with
// E2E_SCREENSHOTS=<directory>, e.g. `E2E_SCREENSHOTS=/tmp npx playwright test screenshots`.
const directory = process.env.E2E_SCREENSHOTS;
test.skip(!directory, "E2E_SCREENSHOTS is not set");

async function apiReader(request: APIRequestContext, username: string) {
  const created = await request.post("/api/v1/auth/register/", {
    data: { username, email: `${username}@example.com`, password: PASSWORD },
  });
  expect(created.status()).toBe(201);
  const tokens = await request.post("/api/v1/auth/token/", { data: { username, password: PASSWORD } });
  const { access } = (await tokens.json()) as { access: string };
  return { Authorization: `Bearer ${access}` };
}

const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

async function shoot(page: Page, name: string) {
  for (const language of ["en", "es"] as const) {
    await page.evaluate((lang) => window.localStorage.setItem("mbc.language", lang), language);
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await page.reload();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${directory}/spa3-${name}-${viewport}-${language}.png`, fullPage: true });
    }
  }
}

test("screenshots of the profile, settings, people and requests pages", async ({ page, request }) => {
  test.setTimeout(180_000);
  const me = uniqueName("marta");
  const other = uniqueName("private");
  const fans = [uniqueName("lucia"), uniqueName("tomas")];

  const mine = await apiReader(request, me);
  await request.patch("/api/v1/auth/me/", {
    headers: mine,
    data: {
      display_name: "Marta Lectora",
      bio: "Reader of long novels and short poems.\nBook club on Thursdays.",
      location: "Valparaíso",
      website: "https://marta.example",
      favourite_genres: ["Historical fiction", "Poetry", "Mystery"],
      approve_followers: true,
    },
  });
  await request.put("/api/v1/auth/me/avatar/", {
    headers: mine,
    multipart: { avatar: { name: "a.png", mimeType: "image/png", buffer: gradientPng(320, 240) } },
  });
  const theirs = await apiReader(request, other);
  await request.patch("/api/v1/auth/me/", {
    headers: theirs,
    data: { display_name: "Pía Privada", profile_visibility: "private" },
  });
  for (const fan of fans) {
    const headers = await apiReader(request, fan);
    await request.patch("/api/v1/auth/me/", { headers, data: { display_name: `${fan.slice(0, 5)} Reader` } });
    await request.post(`/api/v1/users/${me}/follow/`, { headers });
  }

  await page.goto("/");
  await page.evaluate(() => window.localStorage.setItem("mbc.language", "en"));
  await logIn(page, me);
  await expect(page.getByTestId("home-greeting")).toBeVisible();

  await page.goto(`/u/${me}`);
  await shoot(page, "profile");
  await page.goto(`/u/${other}`);
  await shoot(page, "private-profile");
  await page.goto("/settings/profile");
  await shoot(page, "edit-profile");
  await page.goto("/settings/privacy");
  await shoot(page, "privacy");
  await page.goto("/requests");
  await shoot(page, "requests");
  await page.goto("/people");
  await page.evaluate(() => window.localStorage.setItem("mbc.language", "en"));
  await page.reload();
  await page.getByRole("searchbox").fill(fans[0]!.slice(0, 5));
  await page.waitForResponse((response) => response.url().includes("/api/v1/users/?"));
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.screenshot({ path: `${directory}/spa3-people-desktop-en.png`, fullPage: true });
  await page.setViewportSize(VIEWPORTS.phone);
  await page.screenshot({ path: `${directory}/spa3-people-phone-en.png`, fullPage: true });
  await page.goto("/settings/account");
  await shoot(page, "account");
});
