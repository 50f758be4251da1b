import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";

import type { Edition } from "../types";

interface EditionsTableProps {
  editions: readonly Edition[];
  /** Whether to link each edition to its edit form (only signed-in readers may). */
  canEdit?: boolean;
}

/** The printings of a book: a table, or one card per edition on a phone. */
export function EditionsTable({ editions, canEdit = false }: EditionsTableProps) {
  const { t } = useTranslation();
  if (editions.length === 0) return <p className="text-sm text-gray-600">{t("books.detail.noEditions")}</p>;
  const dash = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "—" : value);
  // Every row has an "Edit" link: its accessible name says which edition it edits.
  const editLink = (edition: Edition) => (
    <Link
      to={paths.editions.edit.getHref(edition.id)}
      className="font-medium text-blue-700 hover:underline"
      aria-label={t("books.edition.editLabel", { edition: editionName(edition, t) })}
    >
      {t("books.edition.edit")}
    </Link>
  );
  return (
    <>
      <ul className="flex flex-col gap-3 sm:hidden" aria-label={t("books.detail.editions")}>
        {editions.map((edition) => (
          <li key={edition.id} className="rounded-lg border border-gray-200 bg-white p-3 text-sm text-gray-700">
            <p className="font-semibold text-gray-900">
              {edition.format ? t(`books.formats.${edition.format}`) : "—"}
              {edition.publisher ? ` · ${edition.publisher}` : null}
            </p>
            {edition.title ? <p className="text-xs text-gray-500">{edition.title}</p> : null}
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              <dt className="text-gray-500">{t("books.edition.date")}</dt>
              <dd>{dash(edition.publication_date)}</dd>
              <dt className="text-gray-500">{t("books.edition.pages")}</dt>
              <dd>{dash(edition.pages)}</dd>
              <dt className="text-gray-500">{t("books.edition.language")}</dt>
              <dd className="uppercase">{dash(edition.language)}</dd>
              <dt className="text-gray-500">ISBN-13</dt>
              <dd className="font-mono">{dash(edition.isbn_13)}</dd>
              <dt className="text-gray-500">ISBN-10</dt>
              <dd className="font-mono">{dash(edition.isbn_10)}</dd>
            </dl>
            {canEdit ? <p className="mt-2">{editLink(edition)}</p> : null}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-lg border border-gray-200 sm:block">
      <table className="w-full text-start text-sm text-gray-700">
        <caption className="sr-only">{t("books.detail.editions")}</caption>
        <thead className="bg-gray-50 text-xs text-gray-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 text-start">{t("books.edition.format")}</th>
            <th scope="col" className="px-3 py-2 text-start">{t("books.edition.publisher")}</th>
            <th scope="col" className="px-3 py-2 text-start">{t("books.edition.date")}</th>
            <th scope="col" className="px-3 py-2 text-end">{t("books.edition.pages")}</th>
            <th scope="col" className="px-3 py-2 text-start">{t("books.edition.language")}</th>
            <th scope="col" className="px-3 py-2 text-start">ISBN-13</th>
            <th scope="col" className="px-3 py-2 text-start">ISBN-10</th>
            {canEdit ? (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("books.edition.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.id} className="border-t border-gray-200">
              <td className="px-3 py-2 whitespace-nowrap">
                {edition.format ? t(`books.formats.${edition.format}`) : "—"}
                {edition.title ? <span className="block text-xs text-gray-500">{edition.title}</span> : null}
              </td>
              <td className="px-3 py-2">{edition.publisher || "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{edition.publication_date || "—"}</td>
              <td className="px-3 py-2 text-end tabular-nums">{edition.pages ?? "—"}</td>
              <td className="px-3 py-2 uppercase">{edition.language || "—"}</td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{edition.isbn_13 ?? "—"}</td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{edition.isbn_10 ?? "—"}</td>
              {canEdit ? <td className="px-3 py-2 text-end whitespace-nowrap">{editLink(edition)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}

/** "Paperback, Signet, 1990-08, 9780451166890": what tells an edition from its siblings. */
function editionName(edition: Edition, t: TFunction): string {
  const parts = [
    edition.format ? t(`books.formats.${edition.format}`) : "",
    edition.publisher,
    edition.publication_date,
    edition.isbn_13 ?? edition.isbn_10 ?? "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : `#${edition.id}`;
}
