import { expect, test } from "@playwright/test";

import { gradientPng, signUp, uniqueName, useEnglish } from "./support/readers";

test("a reader edits their profile, uploads a cropped avatar and sees both on their profile page", async ({ page }) => {
  const username = uniqueName("editor");
  await useEnglish(page);
  await signUp(page, username);

  await page.getByRole("link", { name: "Settings" }).first().click();
  await expect(page).toHaveURL(/\/settings\/profile$/);

  // The avatar: a 300x200 PNG, cropped in the browser, re-encoded by the server.
  await page.getByLabel("Choose an image").setInputFiles({
    name: "avatar.png",
    mimeType: "image/png",
    buffer: gradientPng(300, 200),
  });
  await expect(page.getByTestId("avatar-cropper").locator("img")).toBeVisible();
  await expect(page.getByAltText("Preview")).toBeVisible();
  const uploaded = page.waitForResponse(
    (response) => response.url().endsWith("/api/v1/auth/me/avatar/") && response.request().method() === "PUT",
  );
  await page.getByRole("button", { name: "Save picture" }).click();
  const upload = await uploaded;
  expect(upload.status()).toBe(200);
  expect((await upload.json()).profile.avatar).toMatchObject({ small: expect.any(String), large: expect.any(String) });
  await expect(page.getByTestId("avatar-cropper")).toHaveCount(0);

  // The profile fields.
  await page.getByLabel("Display name").fill("Edith Editor");
  await page.getByLabel("About you").fill("Reads <b>everything</b>.\nMostly at night.");
  await page.getByLabel("Location").fill("Montevideo");
  await page.getByLabel("Website").fill("https://edith.example");
  await page.getByLabel("Favourite genres").fill("Mystery, Poetry");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile was saved.")).toBeVisible();

  await page.getByRole("link", { name: "View my profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${username}$`));
  await expect(page.getByTestId("profile-name")).toHaveText("Edith Editor");
  await expect(page.getByTestId("profile-bio")).toHaveText("Reads <b>everything</b>.\nMostly at night.");
  await expect(page.getByText("Poetry")).toBeVisible();
  const avatar = page.getByRole("main").getByTestId("user-avatar-image");
  await expect(avatar).toHaveAttribute("src", /\/media\//);
  // The image really loads, at the size the server made.
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
});
