import { z } from "zod";

const EnvSchema = z.object({
  // Same origin by default: Django serves both the SPA and the API, and the
  // Vite dev server proxies /api to Django.
  API_BASE_URL: z
    .string()
    .regex(/^(\/|https?:\/\/)/, "must be an absolute path or an http(s) URL")
    .default("/api/v1"),
});

export type Env = z.infer<typeof EnvSchema>;

function readEnv(): Env {
  const raw = {
    API_BASE_URL: import.meta.env.VITE_API_BASE_URL || undefined,
  };
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid frontend environment:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = readEnv();
