import { useSearchParams } from "react-router";

import { NotFound } from "@/components/errors/not-found";
import { AUTHOR_BOOK_ORDERINGS, AuthorView, type AuthorBookOrdering } from "@/features/books";
import { usePageParam } from "@/lib/use-page-param";

import { useIdParam } from "./use-id-param";

/** The `?ordering=` of an author's books (most read when missing or unknown), and a setter that goes back to page 1. */
function useAuthorBookOrdering(): [AuthorBookOrdering, (ordering: AuthorBookOrdering) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("ordering");
  const ordering = AUTHOR_BOOK_ORDERINGS.find((option) => option === requested) ?? AUTHOR_BOOK_ORDERINGS[0];
  const setOrdering = (next: AuthorBookOrdering) =>
    setSearchParams((previous) => {
      const params = new URLSearchParams(previous);
      params.delete("page");
      if (next === AUTHOR_BOOK_ORDERINGS[0]) params.delete("ordering");
      else params.set("ordering", next);
      return params;
    });
  return [ordering, setOrdering];
}

export default function AuthorRoute() {
  const id = useIdParam();
  const [page, setPage] = usePageParam();
  const [ordering, setOrdering] = useAuthorBookOrdering();
  if (Number.isNaN(id)) return <NotFound />;
  return (
    <AuthorView
      key={id}
      id={id}
      page={page}
      ordering={ordering}
      onPageChange={setPage}
      onOrderingChange={setOrdering}
    />
  );
}
