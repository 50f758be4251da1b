import { BookSearchResults } from "@/features/books";

export default function BookSearchRoute() {
  return <BookSearchResults />;
}
