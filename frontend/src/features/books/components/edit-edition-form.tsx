import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";
import { useForm } from "@/lib/use-form";

import { useEdition } from "../api/get-edition";
import { duplicateIsbnEdition, useUpdateEdition } from "../api/write-books";
import type { Edition } from "../types";
import { editionFieldsSchema } from "./book-validation";
import { EditionFieldsInputs } from "./edition-form-fields";
import {
  changedEditionFields,
  type DuplicateIsbnClash,
  editionToValues,
  serverFieldsOfEditionForm,
} from "./edition-form-values";

/** Correct an edition (signed in): every change is kept in its book's history. */
export function EditEdition({ id }: { id: number }) {
  const { t } = useTranslation();
  const edition = useEdition(id);
  if (edition.isPending) return <InlineSpinner />;
  if (edition.isError) {
    return apiErrorStatus(edition.error) === 404 ? (
      <LoadError message={t("books.editionForm.notFound")} />
    ) : (
      <LoadError onRetry={() => void edition.refetch()} />
    );
  }
  return (
    <div className="flex flex-col gap-5">
      <Link to={paths.books.detail.getHref(edition.data.book)} className="w-fit text-sm text-blue-700 hover:underline">
        {t("books.history.backToBook")}
      </Link>
      <EditEditionForm key={edition.data.updated_at} edition={edition.data} />
    </div>
  );
}

function EditEditionForm({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateEdition();
  const initial = editionToValues(edition);
  const [duplicate, setDuplicate] = useState<DuplicateIsbnClash | null>(null);
  const form = useForm(initial, { serverFieldsOf: serverFieldsOfEditionForm });

  const onSubmit = form.handleSubmit(editionFieldsSchema, (data) => {
    setDuplicate(null);
    const isbn = form.values.isbn;
    const changes = changedEditionFields(initial, form.values, data);
    if (Object.keys(changes).length === 0) return void navigate(paths.books.detail.getHref(edition.book));
    update.mutate(
      { id: edition.id, data: changes },
      {
        onSuccess: (saved) => void navigate(paths.books.detail.getHref(saved.book)),
        onError: (error) => {
          const existing = duplicateIsbnEdition(error);
          if (existing === null) form.setServerError(error);
          else setDuplicate({ edition: existing, isbn });
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-label={t("books.editionForm.editTitle")}>
      <FormAlert messages={form.formErrors} />
      <EditionFieldsInputs form={form} duplicate={duplicate} />
      <SubmitButton pending={update.isPending} className="w-full sm:w-fit">
        {t("books.editionForm.editSubmit")}
      </SubmitButton>
    </form>
  );
}
