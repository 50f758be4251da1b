import { expect, test } from "@playwright/test";

import { logIn, MailLog, signUp, uniqueName, useEnglish } from "./support/readers";

test("a reader resets a forgotten password through the emailed link", async ({ page }) => {
  const username = uniqueName("forgetful");
  const email = `${username}@example.com`;
  const newPassword = "Brand-New-Secret-42";
  await useEnglish(page);
  await signUp(page, username);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();

  const mail = new MailLog();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(email);

  // The link in the email (printed by the console email backend) opens the SPA's reset page.
  const [link] = await mail.waitFor(/https?:\/\/[^\s"'<>]+\/reset-password\/[^/\s"'<>]+\/[^/\s"'<>]+\/?/);
  await page.goto(new URL(link).pathname);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed.");

  // The link works once.
  await page.goto(new URL(link).pathname);
  await page.getByLabel("New password", { exact: true }).fill("Another-Secret-43");
  await page.getByLabel("Confirm password").fill("Another-Secret-43");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert")).toContainText("This reset link is invalid, expired or already used.");

  // The new password works, with the email as the identifier.
  await logIn(page, email, newPassword);
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);
});
