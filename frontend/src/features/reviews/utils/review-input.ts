import { apiErrorStatus } from "@/lib/api-errors";

/** "violence, grief ,Violence" -> ["violence", "grief"]: trimmed, no empties, no repeats (any case). */
export function parseWarnings(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((warning) => {
      if (!warning || seen.has(warning.toLowerCase())) return false;
      seen.add(warning.toLowerCase());
      return true;
    });
}

/** The id of the existing review in the 409 answer to a second review of the same book. */
export function existingReviewId(error: unknown): number | null {
  if (apiErrorStatus(error) !== 409) return null;
  const data: unknown = (error as { response?: { data?: unknown } }).response?.data;
  if (!data || typeof data !== "object") return null;
  for (const key of ["review", "id", "existing", "review_id"]) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === "number") return value;
    if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "number") {
      return (value as { id: number }).id;
    }
  }
  return null;
}
