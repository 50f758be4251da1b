import { existsSync, readFileSync, statSync } from "node:fs";
import { deflateSync, crc32 } from "node:zlib";

import { expect, type Page } from "@playwright/test";

export const PASSWORD = "Correct-Horse-Battery-9";

/** A username nobody else has used on this (throwaway) server. */
export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** English whatever the browser's locale, so that labels are stable. */
export async function useEnglish(page: Page): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem("mbc.language", "en"));
}

/** Register through the SPA; it logs straight in and greets the new reader. */
export async function signUp(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("home-greeting")).toHaveText(`Welcome back, ${username}!`);
}

export async function logIn(page: Page, identifier: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Username or email").fill(identifier);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A real, decodable RGB PNG: a diagonal gradient of `width` x `height` pixels. */
export function gradientPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y += 1) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x += 1) {
      rows.push(Math.round((255 * x) / width), Math.round((255 * y) / height), 160);
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.from(rows))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The e2e server's stdout, where Django's console email backend prints each email. */
export class MailLog {
  private readonly path: string;
  private offset: number;

  constructor() {
    const path = process.env.E2E_MAIL_LOG;
    if (!path) throw new Error("E2E_MAIL_LOG is not set (playwright.config.ts sets it).");
    this.path = path;
    this.offset = existsSync(path) ? statSync(path).size : 0;
  }

  /** Wait for a line matching `pattern` printed after this log was opened; returns the match. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = existsSync(this.path) ? readFileSync(this.path).subarray(this.offset).toString("utf8") : "";
      // Long lines of quoted-printable text are folded with "=\n": unfold them first.
      const match = text.replace(/=\r?\n/g, "").match(pattern);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`No email matching ${pattern} in ${this.path} within ${timeoutMs} ms.`);
  }
}
