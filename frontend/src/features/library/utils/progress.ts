import type { ProgressUnit, ReadThrough } from "../types";

/** A reading's latest progress, in the unit it was given in; null before the first update. */
export function latestProgress(readThrough: ReadThrough | null): { unit: ProgressUnit; value: number } | null {
  if (!readThrough) return null;
  if (readThrough.progress_page !== null) return { unit: "page", value: readThrough.progress_page };
  if (readThrough.progress_percent !== null) return { unit: "percent", value: Number(readThrough.progress_percent) };
  if (readThrough.progress_minutes !== null) return { unit: "minutes", value: readThrough.progress_minutes };
  return null;
}
