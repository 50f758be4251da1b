import { z } from "zod";

import { requiredMessage } from "@/lib/form-validation";

import { EDITION_FORMATS, type EditionFormat } from "../types";
import { parseIsbn } from "../utils/isbn";
import { dayExists, NO_PUBLICATION_DATE, parsePublicationDate } from "../utils/publication-date";

const CURRENT_YEAR = new Date().getFullYear();

const optionalInt = (min: number, max: number, message: "books.validation.year" | "books.validation.pages") =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max), message)
    .transform((value) => (value === "" ? null : Number(value)));

/** The book's own fields, as both the add and the edit forms send them. */
export const bookFieldsSchema = z.object({
  title: z.string().trim().min(1, requiredMessage).max(500, "books.validation.tooLong"),
  subtitle: z.string().trim().max(500, "books.validation.tooLong"),
  description: z.string().trim(),
  first_published_year: optionalInt(1, CURRENT_YEAR + 5, "books.validation.year"),
  original_language: z.string().trim().max(16, "books.validation.tooLong"),
  cover_url: z
    .string()
    .trim()
    .refine((value) => value === "" || /^https?:\/\/\S+$/i.test(value), "books.validation.url"),
  subjects: z.string().transform((value) =>
    value
      .split(",")
      .map((subject) => subject.trim())
      .filter(Boolean),
  ),
  series_name: z.string().trim().max(255, "books.validation.tooLong"),
  series_position: z
    .string()
    .trim()
    .refine((value) => value === "" || /^\d+(\.\d+)?$/.test(value), "books.validation.position"),
});

/** An ISBN-10 or ISBN-13 in any form, its check digit checked; "" for none. */
const optionalIsbn = z
  .string()
  .trim()
  .refine((value) => value === "" || parseIsbn(value) !== null, "books.validation.isbn");

const optionalPages = optionalInt(1, 100_000, "books.validation.pages");

/** The add form also takes a first edition: its ISBN (check digit checked), publisher, pages, format. */
export const newBookSchema = bookFieldsSchema.extend({
  isbn: optionalIsbn,
  publisher: z.string().trim().max(255, "books.validation.tooLong"),
  pages: optionalPages,
  format: z.string(),
});

export type BookFields = z.infer<typeof bookFieldsSchema>;

/**
 * An edition's fields, as the add and edit edition forms send them: the ISBN normalised (the API
 * takes any form), the date split into year, month and day, the language code in lower case.
 */
export const editionFieldsSchema = z.object({
  isbn: optionalIsbn.transform((value) => (value === "" ? "" : (parseIsbn(value) ?? ""))),
  publisher: z.string().trim().max(300, "books.validation.tooLong"),
  publication_date: z
    .string()
    .trim()
    .refine((value) => parsePublicationDate(value) !== null, "books.validation.publicationDate")
    .transform((value) => parsePublicationDate(value) ?? NO_PUBLICATION_DATE)
    .refine(dayExists, "books.validation.noSuchDay"),
  pages: optionalPages,
  format: z
    .string()
    .refine((value) => value === "" || (EDITION_FORMATS as readonly string[]).includes(value), "books.validation.format")
    .transform((value) => value as EditionFormat | ""),
  language: z
    .string()
    .trim()
    .transform((value) => value.toLowerCase())
    .refine((value) => value === "" || /^[a-z]{2,3}$/.test(value), "books.validation.languageCode"),
});

export type EditionFields = z.infer<typeof editionFieldsSchema>;
