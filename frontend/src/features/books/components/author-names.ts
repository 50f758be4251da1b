import { useTranslation } from "react-i18next";

import type { BookAuthor } from "../types";

/** "Ken Follett; Ana Pérez (translator)" as plain text, for lists. */
export function useAuthorNames() {
  const { t } = useTranslation();
  return (authors: readonly BookAuthor[]) =>
    authors
      .map((author) =>
        author.role === "author" ? author.name : `${author.name} (${t(`books.roles.${author.role}`)})`,
      )
      .join(", ");
}
