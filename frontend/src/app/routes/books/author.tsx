import { NotFound } from "@/components/errors/not-found";
import { AuthorView } from "@/features/books";

import { useIdParam } from "./use-id-param";

export default function AuthorRoute() {
  const id = useIdParam();
  if (Number.isNaN(id)) return <NotFound />;
  return <AuthorView key={id} id={id} />;
}
