import { z } from "zod";

import { requiredMessage } from "@/lib/form-validation";

import { parseIsbn } from "../utils/isbn";

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

/** The add form also takes a first edition: its ISBN (check digit checked), publisher, pages, format. */
export const newBookSchema = bookFieldsSchema.extend({
  isbn: z
    .string()
    .trim()
    .refine((value) => value === "" || parseIsbn(value) !== null, "books.validation.isbn"),
  publisher: z.string().trim().max(255, "books.validation.tooLong"),
  pages: optionalInt(1, 100_000, "books.validation.pages"),
  format: z.string(),
});

export type BookFields = z.infer<typeof bookFieldsSchema>;
