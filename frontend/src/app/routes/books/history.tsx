import { NotFound } from "@/components/errors/not-found";
import { BookHistory } from "@/features/books";
import { usePageParam } from "@/lib/use-page-param";

import { useIdParam } from "./use-id-param";

export default function BookHistoryRoute() {
  const id = useIdParam();
  const [page, setPage] = usePageParam();
  if (Number.isNaN(id)) return <NotFound />;
  return <BookHistory id={id} page={page} onPageChange={setPage} />;
}
