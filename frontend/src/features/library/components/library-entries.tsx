import { Badge, Checkbox } from "flowbite-react";
import { useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { StarRating } from "@/components/ui/star-rating";
import { paths } from "@/config/paths";

import type { LibraryEntry, ReadingStatus } from "../types";

const STATUS_COLORS: Record<ReadingStatus, string> = {
  want_to_read: "info",
  reading: "warning",
  read: "success",
  did_not_finish: "failure",
  paused: "gray",
};

export function StatusBadge({ status }: { status: ReadingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} className="w-fit">
      {t(`library.status.${status}`)}
    </Badge>
  );
}

function authorsOf(entry: LibraryEntry): string {
  return entry.book.authors.map((author) => author.name).join(", ");
}

function Cover({ entry, className }: { entry: LibraryEntry; className: string }) {
  return (
    <img
      src={entry.book.cover_url}
      alt=""
      loading="lazy"
      className={`shrink-0 rounded border border-gray-200 bg-gray-100 object-cover shadow-sm ${className}`}
    />
  );
}

interface SelectionProps {
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
}

function SelectBox({ entry, selected, onToggle }: { entry: LibraryEntry } & SelectionProps) {
  const { t } = useTranslation();
  return (
    <Checkbox
      checked={selected.has(entry.id)}
      onChange={() => onToggle(entry.id)}
      aria-label={t("library.select", { title: entry.book.title })}
      className="h-5 w-5"
    />
  );
}

/** The entries as cover cards. */
export function LibraryGrid({ entries, selected, onToggle }: { entries: LibraryEntry[] } & SelectionProps) {
  const { t } = useTranslation();
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 md:grid-cols-4 lg:grid-cols-6" aria-label={t("library.entries")} data-testid="library-grid">
      {entries.map((entry) => (
        <li
          key={entry.id}
          className={`relative flex flex-col gap-2 rounded-lg border p-2 ${selected.has(entry.id) ? "border-blue-500 bg-blue-50" : "border-gray-200 bg-white"}`}
          data-testid="library-entry"
        >
          <div className="absolute top-3 left-3 rounded bg-white/90 p-0.5">
            <SelectBox entry={entry} selected={selected} onToggle={onToggle} />
          </div>
          <Link to={paths.books.detail.getHref(entry.book.id)} className="flex flex-col gap-2">
            <Cover entry={entry} className="aspect-[2/3] w-full" />
            <span className="line-clamp-2 font-medium text-gray-900 hover:underline">{entry.book.title}</span>
          </Link>
          <span className="line-clamp-1 text-sm text-gray-600">{authorsOf(entry)}</span>
          <StatusBadge status={entry.status} />
          {entry.rating !== null ? <StarRating value={entry.rating} /> : null}
        </li>
      ))}
    </ul>
  );
}

interface LibraryListProps extends SelectionProps {
  entries: LibraryEntry[];
  /** Offer dragging (and move up/down buttons) to change the hand order of the to-read list. */
  reorderable: boolean;
  onMove: (entryId: number, before: number | null) => void;
  /** The hand order goes on past this page: "after the last row" is not "at the very end". */
  hasNextPage?: boolean;
}

/** The entries as rows; in the to-read list's hand order, rows can be dragged into place. */
export function LibraryList({ entries, selected, onToggle, reorderable, onMove, hasNextPage = false }: LibraryListProps) {
  const { t, i18n } = useTranslation();
  const [dragged, setDragged] = useState<number | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);

  /** Where `entryId` goes when dropped on `targetId`: before it when moving up, after it when moving down. */
  const beforeFor = (entryId: number, targetId: number): number | null | undefined => {
    const from = entries.findIndex((entry) => entry.id === entryId);
    const to = entries.findIndex((entry) => entry.id === targetId);
    if (from === -1 || to === -1 || from === to) return undefined;
    if (to < from) return targetId;
    const after = entries[to + 1];
    if (after) return after.id;
    // The last row of a page that goes on: land just above it rather than at the very end of the list.
    return hasNextPage ? targetId : null;
  };

  const moveDown = (index: number) => {
    const entry = entries[index];
    const next = entries[index + 1];
    if (!entry || !next) return;
    const afterNext = entries[index + 2];
    // Swapping with the page's last row: move that row up instead, the same order either way.
    if (!afterNext && hasNextPage) onMove(next.id, entry.id);
    else onMove(entry.id, afterNext?.id ?? null);
  };

  const dragHandlers = (entry: LibraryEntry) =>
    reorderable
      ? {
          draggable: true,
          onDragStart: (event: DragEvent<HTMLLIElement>) => {
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", String(entry.id));
            setDragged(entry.id);
          },
          onDragOver: (event: DragEvent<HTMLLIElement>) => {
            if (dragged === null) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
            setDropTarget(entry.id);
          },
          onDragLeave: () => setDropTarget((current) => (current === entry.id ? null : current)),
          onDrop: (event: DragEvent<HTMLLIElement>) => {
            event.preventDefault();
            const source = dragged ?? Number(event.dataTransfer.getData("text/plain"));
            const before = beforeFor(source, entry.id);
            if (before !== undefined) onMove(source, before);
            setDragged(null);
            setDropTarget(null);
          },
          onDragEnd: () => {
            setDragged(null);
            setDropTarget(null);
          },
        }
      : {};

  return (
    <ul className="flex flex-col divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white" aria-label={t("library.entries")} data-testid="library-list">
      {entries.map((entry, index) => (
        <li
          key={entry.id}
          className={`flex items-center gap-3 p-3 ${dropTarget === entry.id && dragged !== entry.id ? "bg-blue-50" : ""} ${dragged === entry.id ? "opacity-50" : ""}`}
          data-testid="library-entry"
          data-entry-id={entry.id}
          {...dragHandlers(entry)}
        >
          <SelectBox entry={entry} selected={selected} onToggle={onToggle} />
          {reorderable ? (
            <span className="cursor-grab text-gray-400 select-none" aria-hidden="true" title={t("library.order.drag")}>
              ⠿
            </span>
          ) : null}
          <Cover entry={entry} className="h-16 w-11" />
          <div className="min-w-0 flex-1">
            <Link to={paths.books.detail.getHref(entry.book.id)} className="font-medium break-words text-gray-900 hover:underline">
              {entry.book.title}
            </Link>
            <p className="truncate text-sm text-gray-600">{authorsOf(entry)}</p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <StatusBadge status={entry.status} />
              {entry.rating !== null ? <StarRating value={entry.rating} /> : null}
              {entry.finished_on ? (
                <span className="text-xs text-gray-600">
                  {t("library.finishedOn", { date: new Date(`${entry.finished_on}T00:00:00`).toLocaleDateString(i18n.language) })}
                </span>
              ) : null}
              {entry.tags.map((tag) => (
                <span key={tag} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">
                  #{tag}
                </span>
              ))}
            </div>
          </div>
          {reorderable ? (
            <div className="flex flex-col gap-1">
              <button
                type="button"
                className="rounded border border-gray-200 px-2 text-sm hover:bg-gray-100 disabled:opacity-40"
                aria-label={t("library.order.up", { title: entry.book.title })}
                disabled={index === 0}
                onClick={() => onMove(entry.id, entries[index - 1]?.id ?? null)}
              >
                ↑
              </button>
              <button
                type="button"
                className="rounded border border-gray-200 px-2 text-sm hover:bg-gray-100 disabled:opacity-40"
                aria-label={t("library.order.down", { title: entry.book.title })}
                disabled={index === entries.length - 1}
                onClick={() => moveDown(index)}
              >
                ↓
              </button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
