import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { useForm } from "@/lib/use-form";

import { useBook } from "../api/get-book";
import { useUpdateBook } from "../api/write-books";
import type { BookDetail } from "../types";
import { BookFieldsInputs } from "./book-form-fields";
import { bookPayload, bookToValues, useAuthorRows } from "./book-form-values";
import { bookFieldsSchema } from "./book-validation";

/** Correct a book (signed in): every change is kept in its history. */
export function EditBook({ id }: { id: number }) {
  const book = useBook(id);
  if (book.isPending) return <InlineSpinner />;
  if (book.isError) return <LoadError onRetry={() => void book.refetch()} />;
  return <EditBookForm key={book.data.updated_at} book={book.data} />;
}

function EditBookForm({ book }: { book: BookDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateBook();
  const authors = useAuthorRows(book.authors.map((author) => ({ id: author.id, name: author.name, role: author.role })));
  const form = useForm(bookToValues(book), { otherShownFields: ["authors", "series"] });

  const onSubmit = form.handleSubmit(bookFieldsSchema, (data) => {
    update.mutate(
      { id: book.id, data: bookPayload(data, authors.rows, book.series.slice(1)) },
      {
        onSuccess: (saved) => void navigate(paths.books.detail.getHref(saved.id)),
        onError: (error) => form.setServerError(error),
      },
    );
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-label={t("books.edit.title")}>
      <FormAlert messages={form.formErrors} />
      <BookFieldsInputs form={form} authors={authors} />
      <SubmitButton pending={update.isPending} className="w-full sm:w-fit">
        {t("books.edit.submit")}
      </SubmitButton>
    </form>
  );
}
