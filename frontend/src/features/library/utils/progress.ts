import type { ProgressUnit, ProgressUpdate, ReadThrough } from "../types";

/** A reading's latest progress, in the unit it was given in; null before the first update. */
export function latestProgress(readThrough: ReadThrough | null): { unit: ProgressUnit; value: number } | null {
  if (!readThrough) return null;
  if (readThrough.progress_page !== null) return { unit: "page", value: readThrough.progress_page };
  if (readThrough.progress_percent !== null) return { unit: "percent", value: Number(readThrough.progress_percent) };
  if (readThrough.progress_minutes !== null) return { unit: "minutes", value: readThrough.progress_minutes };
  return null;
}

/**
 * What one progress update said, in the first unit it gave. A reading keeps the latest value of
 * each unit, so after switching from pages to percent its newest update is what is current.
 */
export function progressOfUpdate(update: ProgressUpdate): { unit: ProgressUnit; value: number } | null {
  if (update.page != null) return { unit: "page", value: update.page };
  if (update.percent != null) return { unit: "percent", value: Number(update.percent) };
  if (update.minutes != null) return { unit: "minutes", value: update.minutes };
  return null;
}
