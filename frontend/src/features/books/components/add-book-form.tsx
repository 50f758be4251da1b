import { Alert, Button, Label, Select, Spinner } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SubmitButton } from "@/components/form/submit-button";
import { paths } from "@/config/paths";
import { apiErrorStatus, parseApiError } from "@/lib/api-errors";
import { useForm } from "@/lib/use-form";

import { useCreateBook, useCreateEdition, useLookUpBook } from "../api/write-books";
import { EDITION_FORMATS, type EditionFormat } from "../types";
import { parseIsbn } from "../utils/isbn";
import { BookFieldsInputs } from "./book-form-fields";
import { bookPayload, emptyBookValues, useAuthorRows } from "./book-form-values";
import { newBookSchema } from "./book-validation";

type LookupProblem =
  | { kind: "not_found" }
  | { kind: "provider_error" | "provider_timeout" | "other"; detail: string | null };

/**
 * Add a book: look it up by ISBN (or title and author) in the outside libraries, which opens
 * the catalog's book, created or already there; or fill the fields by hand.
 */
export function AddBookForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lookUp = useLookUpBook();
  const createBook = useCreateBook();
  const createEdition = useCreateEdition();
  const authors = useAuthorRows([]);
  const [lookupProblem, setLookupProblem] = useState<LookupProblem | null>(null);
  const [lookupIsbnErrors, setLookupIsbnErrors] = useState<string[]>([]);
  // Once the book exists, a failed edition is retried alone (no second copy of the book).
  const [createdBookId, setCreatedBookId] = useState<number | null>(null);
  const form = useForm(
    { ...emptyBookValues, isbn: "", publisher: "", pages: "", format: "" },
    { otherShownFields: ["authors", "series", "author", "book"] },
  );

  const openBook = (id: number) => void navigate(paths.books.detail.getHref(id));

  const onLookUp = () => {
    setLookupProblem(null);
    setLookupIsbnErrors([]);
    form.setServerError(null);
    const isbnText = form.values.isbn.trim();
    const title = form.values.title.trim();
    let request;
    if (isbnText) {
      const isbn = parseIsbn(isbnText);
      if (!isbn) {
        setLookupIsbnErrors([t("books.validation.isbn")]);
        return;
      }
      request = { isbn };
    } else if (title) {
      const author = authors.rows.find((row) => row.name.trim())?.name.trim();
      request = author ? { title, author } : { title };
    } else {
      setLookupIsbnErrors([t("books.lookup.needIsbnOrTitle")]);
      return;
    }
    lookUp.mutate(request, {
      onSuccess: (book) => openBook(book.id),
      onError: (error) => {
        const status = apiErrorStatus(error);
        const detail = parseApiError(error).formErrors[0] ?? null;
        if (status === 400) form.setServerError(error);
        else if (status === 404) setLookupProblem({ kind: "not_found" });
        else if (status === 502) setLookupProblem({ kind: "provider_error", detail });
        else if (status === 504) setLookupProblem({ kind: "provider_timeout", detail });
        else setLookupProblem({ kind: "other", detail: status ? detail : t("errors.network") });
      },
    });
  };

  const onSubmit = form.handleSubmit(newBookSchema, (data) => {
    setLookupProblem(null);
    const isbn = data.isbn ? parseIsbn(data.isbn) : null;
    const hasEdition = Boolean(isbn || data.publisher || data.pages || data.format);
    const addEdition = (bookId: number) => {
      if (!hasEdition) return openBook(bookId);
      createEdition.mutate(
        {
          book: bookId,
          ...(isbn ? { isbn } : {}),
          publisher: data.publisher,
          pages: data.pages,
          format: data.format as EditionFormat | "",
        },
        { onSuccess: () => openBook(bookId), onError: (error) => form.setServerError(error) },
      );
    };
    if (createdBookId) return addEdition(createdBookId);
    createBook.mutate(bookPayload(data, authors.rows), {
      onSuccess: (book) => {
        setCreatedBookId(book.id);
        addEdition(book.id);
      },
      onError: (error) => form.setServerError(error),
    });
  });

  const isbnField = form.field("isbn");
  const formatField = form.field("format");

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5" aria-label={t("books.add.title")}>
      <section className="flex flex-col gap-3 rounded-lg border border-blue-200 bg-blue-50 p-4" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading" className="font-semibold text-gray-900">
          {t("books.lookup.heading")}
        </h2>
        <p className="text-sm text-gray-700">{t("books.lookup.lead")}</p>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
          <div className="flex-1">
            <FormField
              label={t("books.form.isbn")}
              inputMode="numeric"
              placeholder="978-0-14-032872-1"
              {...isbnField}
              onChange={(event) => {
                setLookupIsbnErrors([]);
                isbnField.onChange(event);
              }}
              errors={[...isbnField.errors, ...lookupIsbnErrors]}
            />
          </div>
          <Button
            type="button"
            color="blue"
            className="sm:mt-7"
            disabled={lookUp.isPending}
            onClick={onLookUp}
          >
            {lookUp.isPending ? <Spinner size="sm" className="me-2" aria-hidden /> : null}
            {lookUp.isPending ? t("books.lookup.searching") : t("books.lookup.button")}
          </Button>
        </div>
        {lookupProblem ? <LookupMessage problem={lookupProblem} /> : null}
      </section>

      <FormAlert messages={form.formErrors} />
      {createdBookId ? (
        <Alert color="warning" role="status">
          {t("books.add.bookCreatedEditionFailed")}{" "}
          <button type="button" className="font-medium underline" onClick={() => openBook(createdBookId)}>
            {t("books.add.openBook")}
          </button>
        </Alert>
      ) : null}
      <BookFieldsInputs form={form} authors={authors} />
      <fieldset className="flex flex-col gap-4 rounded-lg border border-gray-200 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">{t("books.add.editionLegend")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField label={t("books.edition.publisher")} maxLength={255} {...form.field("publisher")} />
          <FormField label={t("books.edition.pages")} inputMode="numeric" {...form.field("pages")} />
          <div>
            <Label htmlFor="field-format" className="mb-2 block">
              {t("books.edition.format")}
            </Label>
            <Select
              id="field-format"
              name="format"
              value={formatField.value}
              onChange={(event) => form.setValue("format", event.target.value)}
            >
              <option value="">—</option>
              {EDITION_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`books.formats.${format}`)}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <p className="text-xs text-gray-600">{t("books.add.editionHelp")}</p>
      </fieldset>
      <SubmitButton pending={createBook.isPending || createEdition.isPending} className="w-full sm:w-fit">
        {t("books.add.submit")}
      </SubmitButton>
    </form>
  );
}

function LookupMessage({ problem }: { problem: LookupProblem }) {
  const { t } = useTranslation();
  if (problem.kind === "not_found") {
    return (
      <Alert color="info" role="status">
        {t("books.lookup.notFound")}
      </Alert>
    );
  }
  const headline =
    problem.kind === "provider_error"
      ? t("books.lookup.providerError")
      : problem.kind === "provider_timeout"
        ? t("books.lookup.providerTimeout")
        : t("errors.generic");
  return (
    <Alert color="failure" role="alert">
      <p className="font-semibold">{headline}</p>
      {problem.detail && problem.detail !== headline ? <p className="mt-1">{problem.detail}</p> : null}
      {problem.kind !== "other" ? <p className="mt-1">{t("books.lookup.tryLater")}</p> : null}
    </Alert>
  );
}
