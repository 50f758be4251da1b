import { NotFound } from "@/components/errors/not-found";
import { selectIsAuthenticated, useAuthStore } from "@/features/auth";
import { BookView } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function BookRoute() {
  const id = useIdParam();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  if (Number.isNaN(id)) return <NotFound />;
  return <BookView key={id} id={id} canEdit={isAuthenticated} />;
}
