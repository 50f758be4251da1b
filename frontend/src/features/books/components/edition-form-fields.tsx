import { Alert } from "flowbite-react";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { FormField } from "@/components/form/form-field";
import { SelectField } from "@/components/form/select-field";
import { paths } from "@/config/paths";

import { useBook } from "../api/get-book";
import { useEdition } from "../api/get-edition";
import { EDITION_FORMATS } from "../types";
import type { DuplicateIsbnClash, EditionFormValues } from "./edition-form-values";

/** What the inputs need of the add and the edit edition forms. */
interface EditionForm {
  field: (name: keyof EditionFormValues) => {
    name: string;
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => void;
    errors: string[];
  };
}

interface EditionFieldsInputsProps {
  form: EditionForm;
  /** The API's 409: the edition that already has the ISBN as it was typed (shown until it is changed). */
  duplicate: DuplicateIsbnClash | null;
}

/** An edition's fields, shared by the add and the edit forms. */
export function EditionFieldsInputs({ form, duplicate }: EditionFieldsInputsProps) {
  const { t } = useTranslation();
  const isbnField = form.field("isbn");
  return (
    <>
      <div>
        <FormField
          label={t("books.form.isbn")}
          help={t("books.editionForm.isbnHelp")}
          inputMode="numeric"
          placeholder="978-0-14-032872-1"
          maxLength={32}
          {...isbnField}
        />
        {duplicate && duplicate.isbn === isbnField.value ? <DuplicateIsbnNotice editionId={duplicate.edition} /> : null}
      </div>
      <FormField label={t("books.edition.publisher")} maxLength={300} {...form.field("publisher")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t("books.editionForm.publicationDate")}
          help={t("books.editionForm.publicationDateHelp")}
          placeholder="1990-05-17"
          maxLength={10}
          {...form.field("publication_date")}
        />
        <FormField label={t("books.edition.pages")} inputMode="numeric" maxLength={6} {...form.field("pages")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("books.edition.format")} {...form.field("format")}>
          <option value="">—</option>
          {EDITION_FORMATS.map((format) => (
            <option key={format} value={format}>
              {t(`books.formats.${format}`)}
            </option>
          ))}
        </SelectField>
        <FormField
          label={t("books.edition.language")}
          help={t("books.editionForm.languageHelp")}
          maxLength={3}
          {...form.field("language")}
        />
      </div>
    </>
  );
}

/**
 * The API's 409: another edition already has this ISBN. Links to that edition's book (found
 * through the edition, which the answer names), where the reader can see or correct it.
 */
function DuplicateIsbnNotice({ editionId }: { editionId: number }) {
  const { t } = useTranslation();
  const existing = useEdition(editionId);
  const book = useBook(existing.data?.book ?? 0);
  return (
    <Alert color="warning" role="alert" className="mt-2">
      <p>{t("books.editionForm.duplicateIsbn")}</p>
      {existing.data ? (
        <Link to={paths.books.detail.getHref(existing.data.book)} className="font-medium underline">
          {book.data
            ? t("books.editionForm.openBookWithIsbn", { title: book.data.title })
            : t("books.editionForm.openBookWithIsbnUntitled")}
        </Link>
      ) : null}
    </Alert>
  );
}
