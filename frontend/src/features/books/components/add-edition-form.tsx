import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";
import { useForm } from "@/lib/use-form";

import { useBook } from "../api/get-book";
import { duplicateIsbnEdition, useCreateEdition } from "../api/write-books";
import { editionFieldsSchema } from "./book-validation";
import { EditionFieldsInputs } from "./edition-form-fields";
import {
  type DuplicateIsbnClash,
  editionPayload,
  emptyEditionValues,
  serverFieldsOfEditionForm,
} from "./edition-form-values";

/** Add an edition to a book (signed in), then go back to the book's page. */
export function AddEdition({ bookId }: { bookId: number }) {
  const { t } = useTranslation();
  const book = useBook(bookId);
  if (book.isPending) return <InlineSpinner />;
  if (book.isError) {
    return apiErrorStatus(book.error) === 404 ? (
      <LoadError message={t("books.detail.notFound")} />
    ) : (
      <LoadError onRetry={() => void book.refetch()} />
    );
  }
  return (
    <div className="flex flex-col gap-5">
      <p className="text-gray-600">
        {t("books.editionForm.addLead")}{" "}
        <Link to={paths.books.detail.getHref(book.data.id)} className="font-medium text-blue-700 hover:underline">
          {book.data.title}
        </Link>
      </p>
      <AddEditionForm bookId={book.data.id} />
    </div>
  );
}

function AddEditionForm({ bookId }: { bookId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateEdition();
  const [duplicate, setDuplicate] = useState<DuplicateIsbnClash | null>(null);
  const form = useForm(emptyEditionValues, { serverFieldsOf: serverFieldsOfEditionForm });

  const onSubmit = form.handleSubmit(editionFieldsSchema, (data) => {
    setDuplicate(null);
    const isbn = form.values.isbn;
    create.mutate(
      { book: bookId, ...editionPayload(data) },
      {
        onSuccess: () => void navigate(paths.books.detail.getHref(bookId)),
        onError: (error) => {
          const existing = duplicateIsbnEdition(error);
          if (existing === null) form.setServerError(error);
          else setDuplicate({ edition: existing, isbn });
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-label={t("books.editionForm.addTitle")}>
      <FormAlert messages={form.formErrors} />
      <EditionFieldsInputs form={form} duplicate={duplicate} />
      <SubmitButton pending={create.isPending} className="w-full sm:w-fit">
        {t("books.editionForm.addSubmit")}
      </SubmitButton>
    </form>
  );
}
