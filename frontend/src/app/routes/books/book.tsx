import { useQueryClient } from "@tanstack/react-query";

import { NotFound } from "@/components/errors/not-found";
import { selectIsAuthenticated, useAuthStore, useMe } from "@/features/auth";
import { BookView } from "@/features/books";
import { booksKeys } from "@/features/books/api/query-keys";
import { feedKeys } from "@/features/feed";
import { LibraryControl, libraryKeys, useBookEntry } from "@/features/library";
import { BookReviews, reviewsKeys } from "@/features/reviews";

import { useIdParam } from "./use-id-param";

/** The book page: the catalog's view of the book, with the reader's library control and the reviews. */
export default function BookRoute() {
  const id = useIdParam();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMe();
  const queryClient = useQueryClient();
  const viewer = isAuthenticated && me.data ? { id: me.data.id, username: me.data.username } : null;
  const entry = useBookEntry(id, { enabled: isAuthenticated && !Number.isNaN(id) });

  if (Number.isNaN(id)) return <NotFound />;

  // A rating lives in the library and shows on the book (average, histogram), on the reader's
  // review and in the feed: a change in one place refreshes the others.
  const refresh = (bookId: number, ...keys: (readonly unknown[])[]) =>
    void Promise.all(
      [booksKeys.detail(bookId), feedKeys.all, ...keys].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );

  return (
    <BookView
      key={id}
      id={id}
      canEdit={isAuthenticated}
      slots={{
        library: (book) => (
          <LibraryControl
            bookId={book.id}
            isAuthenticated={isAuthenticated}
            pageCount={book.editions.find((edition) => edition.pages)?.pages ?? null}
            onChanged={() => refresh(book.id, reviewsKeys.bookLists(book.id))}
          />
        ),
        reviews: (book) => (
          <BookReviews
            bookId={book.id}
            viewer={viewer}
            viewerRating={entry.data?.rating ?? null}
            onChanged={() => refresh(book.id, libraryKeys.forBook(book.id), libraryKeys.lists)}
          />
        ),
      }}
    />
  );
}
