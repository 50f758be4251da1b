import { Button, Label, Select, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { useLibraryTags } from "../api/get-tags";
import { LIBRARY_FILTER_KEYS } from "../hooks/use-library-search-params";
import { useShelves } from "../api/shelves";
import { LIBRARY_FORMATS, LIBRARY_ORDERINGS, READING_STATUSES } from "../types";

const STAR_STEPS = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];

interface LibraryFiltersProps {
  searchParams: URLSearchParams;
  onApply: (changes: Record<string, string | undefined>) => void;
  onClear: () => void;
  /** On a phone the filters fold away behind a button; from tablets on they always show. */
  expanded: boolean;
  onToggle: () => void;
}

/**
 * The library's filters and sort order. Choices in a list apply at once; the words and the year
 * apply when the form is submitted. Everything goes into the URL.
 */
export function LibraryFilters({ searchParams, onApply, onClear, expanded, onToggle }: LibraryFiltersProps) {
  const { t, i18n } = useTranslation();
  const shelves = useShelves();
  const tags = useLibraryTags();
  const [text, setText] = useState({
    q: searchParams.get("q") ?? "",
    finished_year: searchParams.get("finished_year") ?? "",
  });
  const [yearError, setYearError] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const year = text.finished_year.trim();
    if (year && !/^\d{4}$/.test(year)) {
      setYearError(true);
      return;
    }
    setYearError(false);
    onApply({ q: text.q.trim() || undefined, finished_year: year || undefined });
  };

  const select = (name: string, label: string, options: { value: string; label: string }[], anyLabel = t("library.filters.any")) => (
    <div>
      <Label htmlFor={`library-${name}`}>{label}</Label>
      <Select
        id={`library-${name}`}
        className="mt-1"
        sizing="sm"
        value={searchParams.get(name) ?? ""}
        onChange={(event) => onApply({ [name]: event.target.value || undefined })}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );

  const yesNo = [
    { value: "true", label: t("library.filters.yes") },
    { value: "false", label: t("library.filters.no") },
  ];
  const starOptions = STAR_STEPS.map((value) => ({
    value: String(value),
    label: t("rating.starsShort", { value: value.toLocaleString(i18n.language) }),
  }));
  const currentTag = searchParams.get("tag");
  const tagOptions = (tags.data ?? []).map((tag) => ({ value: tag.name, label: `${tag.name} (${tag.entries_count})` }));
  if (currentTag && !tagOptions.some((option) => option.value === currentTag)) {
    tagOptions.unshift({ value: currentTag, label: currentTag });
  }
  const currentShelf = searchParams.get("shelf");
  const shelfOptions = (shelves.data ?? []).map((shelf) => ({ value: String(shelf.id), label: shelf.name }));
  if (currentShelf && !shelfOptions.some((option) => option.value === currentShelf)) {
    shelfOptions.unshift({ value: currentShelf, label: t("library.filters.shelfNumber", { id: currentShelf }) });
  }

  const active = LIBRARY_FILTER_KEYS.filter((key) => searchParams.get(key)).length;

  return (
    <div className="flex flex-col gap-2">
      <Button
        size="sm"
        color="light"
        className="w-fit sm:hidden"
        aria-expanded={expanded}
        aria-controls="library-filters"
        onClick={onToggle}
      >
        {t("library.filters.toggle")}
        {active > 0 ? (
          <span className="ms-2 rounded-full bg-blue-100 px-2 text-xs font-semibold text-blue-800">{active}</span>
        ) : null}
      </Button>
      <form
        id="library-filters"
        onSubmit={onSubmit}
        aria-label={t("library.filters.label")}
        className={`${expanded ? "grid" : "hidden"} grid-cols-2 gap-3 rounded-lg border border-gray-200 bg-gray-50 p-4 sm:grid sm:grid-cols-3 lg:grid-cols-6`}
      >
        <div className="col-span-2 sm:col-span-3 lg:col-span-2">
          <Label htmlFor="library-q">{t("library.filters.q")}</Label>
          <TextInput
            id="library-q"
            type="search"
            sizing="sm"
            className="mt-1"
            placeholder={t("library.filters.qPlaceholder")}
            value={text.q}
            onChange={(event) => setText((previous) => ({ ...previous, q: event.target.value }))}
          />
        </div>
        {select(
          "status",
          t("library.filters.status"),
          READING_STATUSES.map((status) => ({ value: status, label: t(`library.status.${status}`) })),
        )}
        {select("shelf", t("library.filters.shelf"), shelfOptions)}
        {select("tag", t("library.filters.tag"), tagOptions)}
        {select(
          "format",
          t("library.filters.format"),
          LIBRARY_FORMATS.map((format) => ({ value: format, label: t(`library.format.${format}`) })),
        )}
        {select("owned", t("library.filters.owned"), yesNo)}
        {select("wishlist", t("library.filters.wishlist"), yesNo)}
        {select("rating_min", t("library.filters.ratingMin"), starOptions)}
        {select("rating_max", t("library.filters.ratingMax"), starOptions)}
        <div>
          <Label htmlFor="library-finished-year" color={yearError ? "failure" : undefined}>
            {t("library.filters.finishedYear")}
          </Label>
          <TextInput
            id="library-finished-year"
            sizing="sm"
            className="mt-1"
            inputMode="numeric"
            placeholder="2025"
            color={yearError ? "failure" : "gray"}
            aria-invalid={yearError || undefined}
            aria-describedby={yearError ? "library-finished-year-error" : undefined}
            value={text.finished_year}
            onChange={(event) => setText((previous) => ({ ...previous, finished_year: event.target.value }))}
          />
          {yearError ? (
            <p id="library-finished-year-error" className="mt-1 text-sm text-red-700">
              {t("library.filters.yearInvalid")}
            </p>
          ) : null}
        </div>
        {select(
          "ordering",
          t("library.filters.sort"),
          LIBRARY_ORDERINGS.map((ordering) => ({ value: ordering, label: t(`library.orderings.${ordering}`) })),
          t("library.orderings.default"),
        )}
        <div className="col-span-2 flex flex-wrap items-end gap-2 sm:col-span-3 lg:col-span-6">
          <Button type="submit" size="sm">
            {t("library.filters.apply")}
          </Button>
          <Button type="button" size="sm" color="light" onClick={onClear}>
            {t("library.filters.clear")}
          </Button>
        </div>
      </form>
    </div>
  );
}
