import { expect, test } from "@playwright/test";

import { signUp, uniqueName, useEnglish } from "./support/readers";

test("a reader asks to follow a followers-only reader, who accepts in their own browser", async ({ browser }) => {
  const owner = uniqueName("owner");
  const fan = uniqueName("fan");

  // The owner: profile for followers only, new followers need approval.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await useEnglish(ownerPage);
  await signUp(ownerPage, owner);
  await ownerPage.goto("/settings/profile");
  await ownerPage.getByLabel("About you").fill("Only for my followers.");
  await ownerPage.getByRole("button", { name: "Save profile" }).click();
  await expect(ownerPage.getByText("Your profile was saved.")).toBeVisible();
  await ownerPage.getByRole("link", { name: "Privacy" }).click();
  await ownerPage.getByLabel("Followers only").check();
  await ownerPage.getByRole("switch", { name: "Approve new followers" }).click();
  await ownerPage.getByRole("button", { name: "Save privacy settings" }).click();
  await expect(ownerPage.getByText("Your privacy settings were saved.")).toBeVisible();

  // The fan sees a minimal card and asks to follow.
  const fanContext = await browser.newContext();
  const fanPage = await fanContext.newPage();
  await useEnglish(fanPage);
  await signUp(fanPage, fan);
  await fanPage.goto(`/u/${owner}`);
  await expect(fanPage.getByTestId("profile-restricted")).toHaveText(/This profile is for followers only\./);
  await expect(fanPage.getByTestId("profile-bio")).toHaveCount(0);
  await fanPage.getByRole("button", { name: "Follow" }).click();
  await expect(fanPage.getByTestId("follow-status")).toHaveText("Requested");

  // The owner sees the pending request in the navigation and accepts it.
  await ownerPage.goto("/");
  const requestsLink = ownerPage.getByRole("link", { name: /Requests/ });
  await expect(requestsLink.getByTestId("nav-badge")).toContainText("1");
  await requestsLink.click();
  const row = ownerPage.getByRole("listitem").filter({ hasText: `@${fan}` });
  await row.getByRole("button", { name: "Accept" }).click();
  await expect(ownerPage.getByText("No one is waiting for your answer.")).toBeVisible();
  await expect(ownerPage.getByRole("link", { name: /Requests/ }).getByTestId("nav-badge")).toHaveCount(0);

  // The fan now follows and sees the whole profile.
  await fanPage.reload();
  await expect(fanPage.getByTestId("follow-status")).toHaveText("Following");
  await expect(fanPage.getByTestId("profile-bio")).toHaveText("Only for my followers.");
  await expect(fanPage.getByTestId("profile-restricted")).toHaveCount(0);

  await ownerContext.close();
  await fanContext.close();
});
