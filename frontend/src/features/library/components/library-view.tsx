import { Button, ButtonGroup, Checkbox, Label } from "flowbite-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { apiErrorStatus, parseApiError } from "@/lib/api-errors";

import { useLibrary } from "../api/get-library";
import { useMoveLibraryEntry } from "../api/move-library-entry";
import { libraryKeys } from "../api/query-keys";
import { useLibrarySearchParams, type LibraryView as ViewMode } from "../hooks/use-library-search-params";
import { BulkActionsBar } from "./bulk-actions-bar";
import { LibraryGrid, LibraryList } from "./library-entries";
import { LibraryFilters } from "./library-filters";
import { ShelfManager } from "./shelf-manager";

/**
 * The signed-in reader's library: filters, sort order, page and view live in the URL (so they
 * survive a reload and can be shared); entries can be selected for bulk actions, and the to-read
 * list in hand order can be rearranged by dragging.
 */
export function LibraryView() {
  const { t } = useTranslation();
  const { searchParams, params, view, update, clearFilters } = useLibrarySearchParams();
  const library = useLibrary(params);
  const move = useMoveLibraryEntry(libraryKeys.list(params));
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [filtersShown, setFiltersShown] = useState(false);
  const [managingShelves, setManagingShelves] = useState(false);
  // A shelf filter in the address whose shelf is gone (deleted elsewhere, an old bookmark): drop it.
  const shelfGone =
    params.shelf !== undefined &&
    library.isError &&
    apiErrorStatus(library.error) === 400 &&
    Boolean(parseApiError(library.error).fieldErrors.shelf);
  useEffect(() => {
    if (shelfGone) update({ shelf: undefined });
  }, [shelfGone, update]);
  const handOrder = params.ordering === "position" && params.status === "want_to_read";
  const entries = library.data?.results ?? [];

  const toggle = (id: number) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allOnPageSelected = entries.length > 0 && entries.every((entry) => selected.has(entry.id));
  const toggleAll = () =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const entry of entries) {
        if (allOnPageSelected) next.delete(entry.id);
        else next.add(entry.id);
      }
      return next;
    });

  const apply = (changes: Record<string, string | undefined>) => {
    setSelected(new Set());
    setNotice(null);
    update(changes);
  };
  const setView = (next: ViewMode) => update({ view: next === "grid" ? undefined : next });

  return (
    <section className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-gray-900 sm:text-3xl">{t("library.title")}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            size="sm"
            color="light"
            onClick={() => apply({ status: "want_to_read", ordering: "position", view: "list" })}
          >
            {t("library.order.arrange")}
          </Button>
          <Button
            size="sm"
            color="light"
            aria-expanded={managingShelves}
            aria-controls={managingShelves ? "shelf-manager" : undefined}
            onClick={() => setManagingShelves((shown) => !shown)}
          >
            {t("library.shelves.manage.open")}
          </Button>
          <ButtonGroup aria-label={t("library.viewLabel")}>
            <Button size="sm" color={view === "grid" ? undefined : "light"} aria-pressed={view === "grid"} onClick={() => setView("grid")}>
              {t("library.viewGrid")}
            </Button>
            <Button size="sm" color={view === "list" ? undefined : "light"} aria-pressed={view === "list"} onClick={() => setView("list")}>
              {t("library.viewList")}
            </Button>
          </ButtonGroup>
        </div>
      </div>

      {managingShelves ? (
        <ShelfManager
          onClose={() => setManagingShelves(false)}
          onDeleted={(shelf) => {
            const filtered = params.shelf === shelf.id;
            if (filtered) apply({ shelf: undefined });
            setNotice(t(filtered ? "library.shelves.manage.deletedFilterCleared" : "library.shelves.manage.deletedNotice", { name: shelf.name }));
          }}
        />
      ) : null}

      <LibraryFilters
        key={searchParams.toString()}
        searchParams={searchParams}
        onApply={apply}
        onClear={() => {
          setSelected(new Set());
          clearFilters();
        }}
        expanded={filtersShown}
        onToggle={() => setFiltersShown((shown) => !shown)}
      />

      {notice ? (
        <p className="rounded bg-green-50 p-3 text-sm text-green-800" role="status">
          {notice}
        </p>
      ) : null}
      {selected.size > 0 ? (
        <BulkActionsBar
          selected={[...selected]}
          onDone={(count) => {
            setSelected(new Set());
            setNotice(t("library.bulk.done", { count }));
          }}
          onClear={() => setSelected(new Set())}
        />
      ) : null}

      {library.isPending || shelfGone ? (
        <InlineSpinner />
      ) : library.isError ? (
        apiErrorStatus(library.error) === 400 ? (
          <LoadError message={Object.values(parseApiError(library.error).fieldErrors).flat().join(" ") || t("errors.generic")} />
        ) : (
          <LoadError onRetry={() => void library.refetch()} />
        )
      ) : (
        <div aria-busy={library.isFetching} className={`flex flex-col gap-3 ${library.isPlaceholderData ? "opacity-60" : ""}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-gray-600" aria-live="polite" data-testid="library-count">
              {t("library.count", { count: library.data.count })}
            </p>
            {entries.length > 0 ? (
              <div className="flex items-center gap-2">
                <Checkbox id="library-select-all" checked={allOnPageSelected} onChange={toggleAll} />
                <Label htmlFor="library-select-all">{t("library.selectAll")}</Label>
              </div>
            ) : null}
          </div>
          {handOrder ? <p className="text-sm text-gray-600">{t("library.order.help")}</p> : null}
          {move.isError ? <LoadError message={parseApiError(move.error).formErrors[0] ?? t("library.order.failed")} /> : null}
          {entries.length === 0 ? (
            <p className="py-6 text-gray-700">{t("library.empty")}</p>
          ) : view === "grid" && !handOrder ? (
            <LibraryGrid entries={entries} selected={selected} onToggle={toggle} />
          ) : (
            <LibraryList
              entries={entries}
              selected={selected}
              onToggle={toggle}
              reorderable={handOrder}
              hasNextPage={Boolean(library.data.next)}
              onMove={(entryId, before) => move.mutate({ entryId, before })}
            />
          )}
          <PaginationNav
            page={params.page ?? 1}
            hasNext={Boolean(library.data.next)}
            hasPrevious={Boolean(library.data.previous)}
            onPageChange={(page) => update({ page: page > 1 ? String(page) : undefined })}
          />
        </div>
      )}
    </section>
  );
}
