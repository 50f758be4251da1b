import { Button, HelperText, Label, Select, TextInput } from "flowbite-react";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";

import { FormField } from "@/components/form/form-field";
import { TextareaField } from "@/components/form/textarea-field";

import { AUTHOR_ROLES, type AuthorRole } from "../types";
import type { BookFormValues, useAuthorRows } from "./book-form-values";

/** What the inputs need of a form whose values include the book's fields (the add form has more). */
interface BookForm {
  field: (name: keyof BookFormValues) => {
    name: string;
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
    errors: string[];
  };
  serverErrorsFor: (name: string) => string[];
}

interface BookFieldsInputsProps {
  form: BookForm;
  authors: ReturnType<typeof useAuthorRows>;
}

/** The book's own fields, shared by the add and the edit forms. */
export function BookFieldsInputs({ form, authors }: BookFieldsInputsProps) {
  const { t } = useTranslation();
  const authorErrors = form.serverErrorsFor("authors");
  const seriesErrors = form.serverErrorsFor("series");
  const seriesField = form.field("series_name");
  return (
    <>
      <FormField label={t("books.form.title")} required maxLength={500} {...form.field("title")} />
      <FormField label={t("books.form.subtitle")} maxLength={500} {...form.field("subtitle")} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-gray-900">{t("books.form.authors")}</legend>
        {authors.rows.map((row, index) => (
          <div key={row.key} className="flex flex-wrap items-end gap-2 sm:flex-nowrap">
            <div className="min-w-0 flex-1 basis-full sm:basis-auto">
              <Label htmlFor={`author-name-${row.key}`} className="sr-only">
                {t("books.form.authorName", { number: index + 1 })}
              </Label>
              <TextInput
                id={`author-name-${row.key}`}
                placeholder={t("books.form.authorPlaceholder")}
                aria-label={t("books.form.authorName", { number: index + 1 })}
                value={row.name}
                maxLength={255}
                onChange={(event) => authors.change(row.key, { name: event.target.value })}
              />
            </div>
            <Select
              aria-label={t("books.form.authorRole", { number: index + 1 })}
              value={row.role}
              onChange={(event) => authors.change(row.key, { role: event.target.value as AuthorRole })}
            >
              {AUTHOR_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`books.roles.${role}`)}
                </option>
              ))}
            </Select>
            <Button
              color="light"
              onClick={() => authors.remove(row.key)}
              aria-label={t("books.form.removeAuthor", { number: index + 1 })}
            >
              ×
            </Button>
          </div>
        ))}
        <Button color="light" size="xs" className="w-fit" onClick={authors.add}>
          {t("books.form.addAuthor")}
        </Button>
        {authorErrors.length > 0 ? (
          <HelperText color="failure" id="authors-errors">
            {authorErrors.join(" ")}
          </HelperText>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t("books.form.year")}
          inputMode="numeric"
          maxLength={4}
          {...form.field("first_published_year")}
        />
        <FormField
          label={t("books.form.language")}
          help={t("books.form.languageHelp")}
          maxLength={16}
          {...form.field("original_language")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <FormField
            label={t("books.form.series")}
            maxLength={255}
            {...seriesField}
            errors={[...seriesField.errors, ...seriesErrors]}
          />
        </div>
        <FormField
          label={t("books.form.position")}
          inputMode="decimal"
          placeholder="1"
          {...form.field("series_position")}
        />
      </div>
      <FormField label={t("books.form.subjects")} help={t("books.form.subjectsHelp")} {...form.field("subjects")} />
      <FormField
        label={t("books.form.coverUrl")}
        type="url"
        inputMode="url"
        placeholder="https://"
        {...form.field("cover_url")}
      />
      <TextareaField label={t("books.form.description")} rows={6} {...form.field("description")} />
    </>
  );
}
