import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { paths } from "@/config/paths";

import type { BookSummary } from "../types";
import { useAuthorNames } from "./author-names";
import { BookCover } from "./book-cover";

/** What a list shows of a book: summaries have authors, an author's books do not. */
interface ListedBook {
  id: number;
  title: string;
  subtitle: string;
  first_published_year: number | null;
  cover_url: string;
  authors?: BookSummary["authors"];
}

interface BookListProps {
  books: readonly ListedBook[];
  label: string;
  /** Text before a book's title, e.g. its position in a series. */
  prefix?: (index: number) => string | null;
  /** Text after the year, e.g. the author's role on the author page. */
  note?: (index: number) => string | null;
}

/** Books as a list of cards with cover, title, authors and year, each linking to its page. */
export function BookList({ books, label, prefix, note }: BookListProps) {
  const { t } = useTranslation();
  const authorNames = useAuthorNames();
  return (
    <ul aria-label={label} className="flex flex-col divide-y divide-gray-200">
      {books.map((book, index) => {
        const before = prefix?.(index);
        const after = note?.(index);
        return (
          <li key={`${book.id}-${index}`} className="flex gap-4 py-3">
            <BookCover url={book.cover_url} title={book.title} className="h-20 w-14" />
            <div className="min-w-0">
              <Link to={paths.books.detail.getHref(book.id)} className="font-semibold break-words text-blue-700 hover:underline">
                {before ? <span className="text-gray-600">{before} · </span> : null}
                {book.title}
              </Link>
              {book.subtitle ? <p className="text-sm text-gray-700">{book.subtitle}</p> : null}
              <p className="text-sm text-gray-600">
                {[book.authors ? authorNames(book.authors) : null, book.first_published_year, after]
                  .filter(Boolean)
                  .join(" · ") || t("books.list.unknown")}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
