import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";

import { useBookHistory } from "../api/get-book";
import type { Revision } from "../types";

/** A changed value as a reader reads it: names of linked authors, series and subjects, not JSON. */
function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length ? value.map(shown).join(", ") : "—";
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.name === "string") {
      const extra = record.role ?? record.position;
      return extra !== undefined && extra !== null && extra !== "" ? `${record.name} (${String(extra)})` : record.name;
    }
  }
  return JSON.stringify(value);
}

/** A book's edit history: who changed what, when, newest first. */
export function BookHistory({ id, page, onPageChange }: { id: number; page: number; onPageChange: (page: number) => void }) {
  const { t } = useTranslation();
  const history = useBookHistory(id, page);
  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("books.history.title")}</h1>
        <Link to={paths.books.detail.getHref(id)} className="text-sm text-blue-700 hover:underline">
          {t("books.history.backToBook")}
        </Link>
      </div>
      {history.isPending ? (
        <InlineSpinner />
      ) : history.isError ? (
        <LoadError onRetry={() => void history.refetch()} />
      ) : history.data.results.length === 0 ? (
        <p className="text-gray-700">{t("books.history.empty")}</p>
      ) : (
        <>
          <ol className="flex flex-col gap-4" aria-label={t("books.history.title")}>
            {history.data.results.map((revision) => (
              <RevisionCard key={revision.id} revision={revision} />
            ))}
          </ol>
          <PaginationNav
            page={page}
            hasNext={Boolean(history.data.next)}
            hasPrevious={Boolean(history.data.previous)}
            onPageChange={onPageChange}
          />
        </>
      )}
    </section>
  );
}

function RevisionCard({ revision }: { revision: Revision }) {
  const { t, i18n } = useTranslation();
  const changes = Object.entries(revision.changes);
  return (
    <li className="rounded-lg border border-gray-200 bg-white p-4">
      <p className="text-sm text-gray-800">
        <span className="font-semibold">{t(`books.history.actions.${revision.action}`)}</span>
        {revision.edition ? ` · ${t("books.history.edition", { id: revision.edition })}` : null}
        {" · "}
        {revision.user ? (
          <Link to={paths.profile.getHref(revision.user.username)} className="text-blue-700 hover:underline">
            @{revision.user.username}
          </Link>
        ) : (
          t("books.history.system")
        )}
        {" · "}
        <time dateTime={revision.created_at}>
          {new Date(revision.created_at).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" })}
        </time>
      </p>
      {changes.length > 0 ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-xs text-gray-600 uppercase">
              <tr>
                <th scope="col" className="py-1 pe-3 text-start">{t("books.history.field")}</th>
                <th scope="col" className="py-1 pe-3 text-start">{t("books.history.before")}</th>
                <th scope="col" className="py-1 text-start">{t("books.history.after")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map(([field, change]) => (
                <tr key={field} className="border-t border-gray-100 align-top">
                  <th scope="row" className="py-1 pe-3 text-start font-medium text-gray-800">
                    {t(`books.history.fields.${field}` as never, { defaultValue: field })}
                  </th>
                  <td className="py-1 pe-3 break-words text-red-800">{shown(change?.[0])}</td>
                  <td className="py-1 break-words text-green-800">{shown(change?.[1])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </li>
  );
}
