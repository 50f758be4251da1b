import { z } from "zod";

import type { MessageKey } from "@/lib/form-validation";

export const PROFILE_LIMITS = {
  displayName: 100,
  bio: 500,
  location: 100,
  website: 200,
  genres: 20,
  genreLength: 50,
} as const;

const EARLIEST_BIRTH_DATE = "1900-01-01";

/** Today as YYYY-MM-DD in the reader's time zone. */
export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** "Fantasy, sci-fi, fantasy" -> ["Fantasy", "sci-fi"]: trimmed, empty ones dropped, duplicates (any case) once. */
export function parseGenres(text: string): string[] {
  const seen = new Set<string>();
  const genres: string[] = [];
  for (const raw of text.split(",")) {
    const genre = raw.trim();
    if (!genre || seen.has(genre.toLowerCase())) continue;
    seen.add(genre.toLowerCase());
    genres.push(genre);
  }
  return genres;
}

const maxLength = {
  100: "validation.max100",
  200: "validation.max200",
  500: "validation.max500",
} as const satisfies Record<number, MessageKey>;

// The same limits as the API, so most mistakes are caught before a round trip.
export const profileSchema = z.object({
  display_name: z.string().trim().max(PROFILE_LIMITS.displayName, maxLength[100]),
  bio: z.string().max(PROFILE_LIMITS.bio, maxLength[500]),
  location: z.string().trim().max(PROFILE_LIMITS.location, maxLength[100]),
  birth_date: z
    .string()
    .refine((value) => value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value), "validation.dateInvalid" satisfies MessageKey)
    .refine((value) => value === "" || value >= EARLIEST_BIRTH_DATE, "validation.dateTooEarly" satisfies MessageKey)
    .refine((value) => value === "" || value <= todayIso(), "validation.dateInFuture" satisfies MessageKey)
    .transform((value) => (value === "" ? null : value)),
  website: z
    .string()
    .trim()
    .max(PROFILE_LIMITS.website, maxLength[200])
    .refine((value) => {
      if (value === "") return true;
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
      } catch {
        return false;
      }
    }, "validation.websiteInvalid" satisfies MessageKey),
  favourite_genres: z
    .string()
    .transform(parseGenres)
    .refine((genres) => genres.length <= PROFILE_LIMITS.genres, "validation.tooManyGenres" satisfies MessageKey)
    .refine(
      (genres) => genres.every((genre) => genre.length <= PROFILE_LIMITS.genreLength),
      "validation.genreTooLong" satisfies MessageKey,
    ),
});
