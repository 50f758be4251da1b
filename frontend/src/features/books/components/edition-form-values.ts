import type { Edition, EditionPatch } from "../types";
import type { EditionFields } from "./book-validation";

export const emptyEditionValues = {
  isbn: "",
  publisher: "",
  publication_date: "",
  pages: "",
  format: "",
  language: "",
};

export type EditionFormValues = typeof emptyEditionValues;

/** The API's fields behind the one date input: their server messages are shown beside it. */
export const serverFieldsOfEditionForm = {
  publication_date: ["publication_year", "publication_month", "publication_day"],
};

/** A 409 answer to a save: `edition` already has the ISBN the form held as `isbn`. */
export interface DuplicateIsbnClash {
  edition: number;
  isbn: string;
}

/** The form's strings for an existing edition (the edit form). */
export function editionToValues(edition: Edition): EditionFormValues {
  return {
    isbn: edition.isbn_13 ?? edition.isbn_10 ?? "",
    publisher: edition.publisher,
    publication_date: edition.publication_date,
    pages: edition.pages === null ? "" : String(edition.pages),
    format: edition.format,
    language: edition.language,
  };
}

/** What POST editions/ takes besides `book`, from the validated fields. */
export function editionPayload(data: EditionFields): EditionPatch {
  return {
    isbn: data.isbn,
    publisher: data.publisher,
    ...data.publication_date,
    pages: data.pages,
    format: data.format,
    language: data.language,
  };
}

/**
 * Only what the reader changed, for PATCH editions/{id}/: an untouched field is not sent, so it
 * is neither rewritten nor recorded in the book's history. A changed date sends its three parts.
 */
export function changedEditionFields(
  initial: EditionFormValues,
  values: EditionFormValues,
  data: EditionFields,
): EditionPatch {
  const payload = editionPayload(data);
  const changed = (name: keyof EditionFormValues) => values[name].trim() !== initial[name].trim();
  return {
    ...(changed("isbn") ? { isbn: payload.isbn } : {}),
    ...(changed("publisher") ? { publisher: payload.publisher } : {}),
    ...(changed("publication_date") ? data.publication_date : {}),
    ...(changed("pages") ? { pages: payload.pages } : {}),
    ...(changed("format") ? { format: payload.format } : {}),
    ...(changed("language") ? { language: payload.language } : {}),
  };
}
