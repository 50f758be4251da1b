import { Label, TextInput } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { useDebouncedValue } from "@/lib/use-debounced-value";

import { MIN_SEARCH_LENGTH, useSearchPeople } from "../api/search-people";
import { UserList } from "./user-list";

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 300;

export function PeopleSearch() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const debouncedQuery = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);
  const results = useSearchPeople(debouncedQuery, page);
  const tooShort = debouncedQuery.trim().length < MIN_SEARCH_LENGTH;

  return (
    <div className="flex flex-col gap-4">
      <div>
        <Label htmlFor="people-search">{t("people.searchLabel")}</Label>
        <TextInput
          id="people-search"
          type="search"
          className="mt-2"
          placeholder={t("people.placeholder")}
          autoComplete="off"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(1);
          }}
        />
      </div>
      {tooShort ? (
        <p className="text-sm text-gray-600">{t("people.hint", { count: MIN_SEARCH_LENGTH })}</p>
      ) : results.isPending ? (
        <InlineSpinner />
      ) : results.isError ? (
        <LoadError onRetry={() => void results.refetch()} />
      ) : (
        <div aria-busy={results.isFetching} className={results.isPlaceholderData ? "opacity-60" : undefined}>
          <p className="mb-2 text-sm text-gray-600" aria-live="polite">
            {t("people.resultCount", { count: results.data.count })}
          </p>
          <UserList label={t("people.results")} users={results.data.results} emptyText={t("people.noResults")} />
          <PaginationNav
            page={page}
            hasNext={Boolean(results.data.next)}
            hasPrevious={Boolean(results.data.previous)}
            onPageChange={setPage}
          />
        </div>
      )}
    </div>
  );
}
