import { useRef, useState } from "react";

import type { AuthorRole, BookDetail, BookWrite } from "../types";
import type { BookFields } from "./book-validation";

export interface AuthorRow {
  key: number;
  /** Set while the row still names an existing author unchanged. */
  id?: number;
  name: string;
  role: AuthorRole;
}

export const emptyBookValues = {
  title: "",
  subtitle: "",
  description: "",
  first_published_year: "",
  original_language: "",
  cover_url: "",
  subjects: "",
  series_name: "",
  series_position: "",
};

export type BookFormValues = typeof emptyBookValues;

/** The form's strings for an existing book (the edit form). */
export function bookToValues(book: BookDetail): BookFormValues {
  const [series] = book.series;
  return {
    title: book.title,
    subtitle: book.subtitle,
    description: book.description,
    first_published_year: book.first_published_year ? String(book.first_published_year) : "",
    original_language: book.original_language,
    cover_url: book.cover_url.includes("/cover.svg") ? "" : book.cover_url,
    subjects: book.subjects.map((subject) => subject.name).join(", "),
    series_name: series?.name ?? "",
    series_position: series?.position ? String(Number(series.position)) : "",
  };
}

/** The author rows, each with a stable key for React. */
export function useAuthorRows(initial: { id?: number; name: string; role: AuthorRole }[]) {
  const nextKey = useRef(initial.length + 1);
  const [rows, setRows] = useState<AuthorRow[]>(() =>
    (initial.length ? initial : [{ name: "", role: "author" as const }]).map((row, index) => ({ ...row, key: index })),
  );
  return {
    rows,
    add: () => setRows((previous) => [...previous, { key: nextKey.current++, name: "", role: "author" }]),
    remove: (key: number) => setRows((previous) => previous.filter((row) => row.key !== key)),
    change: (key: number, change: Partial<Pick<AuthorRow, "name" | "role">>) =>
      setRows((previous) =>
        previous.map((row) =>
          row.key !== key ? row : { ...row, ...change, id: change.name !== undefined ? undefined : row.id },
        ),
      ),
  };
}

/** What POST books/ and PATCH books/{id}/ take, from the validated fields and the author rows. */
export function bookPayload(data: BookFields, rows: AuthorRow[], otherSeries: BookDetail["series"] = []): BookWrite {
  return {
    title: data.title,
    subtitle: data.subtitle,
    description: data.description,
    first_published_year: data.first_published_year,
    original_language: data.original_language,
    cover_url: data.cover_url,
    subjects: data.subjects,
    authors: rows
      .filter((row) => row.name.trim())
      .map((row) => (row.id ? { id: row.id, role: row.role } : { name: row.name.trim(), role: row.role })),
    series: [
      ...(data.series_name ? [{ name: data.series_name, position: data.series_position || null }] : []),
      // The form edits a book's first series; the others stay as they were.
      ...otherSeries.map((series) => ({ id: series.id, position: series.position })),
    ],
  };
}

