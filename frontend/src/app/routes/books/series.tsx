import { NotFound } from "@/components/errors/not-found";
import { SeriesView } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function SeriesRoute() {
  const id = useIdParam();
  if (Number.isNaN(id)) return <NotFound />;
  return <SeriesView key={id} id={id} />;
}
