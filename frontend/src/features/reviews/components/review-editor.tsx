import { Button, Checkbox, Label, Radio, Select } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SubmitButton } from "@/components/form/submit-button";
import { TextareaField } from "@/components/form/textarea-field";
import { StarRatingInput } from "@/components/ui/star-rating-input";
import { useForm } from "@/lib/use-form";

import { useSaveReview } from "../api/save-review";
import {
  AUDIENCES,
  CONTENT_WARNING_MAX_LENGTH,
  CONTENT_WARNINGS_MAX_COUNT,
  REVIEW_BODY_MAX_LENGTH,
  REVIEW_FORMATS,
  REVIEW_TITLE_MAX_LENGTH,
  type Audience,
  type Review,
  type ReviewFormat,
  type ReviewWrite,
} from "../types";
import { existingReviewId, parseWarnings } from "../utils/review-input";

const schema = z
  .object({
    title: z.string().max(REVIEW_TITLE_MAX_LENGTH, "validation.max200"),
    body: z.string().max(REVIEW_BODY_MAX_LENGTH, "reviews.editor.bodyTooLong"),
    content_warnings: z
      .string()
      .refine((text) => parseWarnings(text).length <= CONTENT_WARNINGS_MAX_COUNT, "reviews.editor.tooManyWarnings")
      .refine(
        (text) => parseWarnings(text).every((warning) => warning.length <= CONTENT_WARNING_MAX_LENGTH),
        "reviews.editor.warningTooLong",
      ),
    audience: z.enum(["", ...AUDIENCES] as const),
  })
  .refine((values) => values.title.trim() || values.body.trim(), { path: ["body"], message: "reviews.editor.empty" });

interface ReviewEditorProps {
  bookId: number;
  /** The review to edit, or null for a new one. */
  review: Review | null;
  /** The reader's current library rating of the book, the review's starting rating. */
  rating: number | null;
  onSaved: (review: Review) => void;
  onCancel: () => void;
  /** A second review of the same book was refused: open the existing one instead. */
  onExisting: (reviewId: number) => void;
}

/** Write or edit a review: rating, title, text (plain or Markdown), spoilers, content warnings, audience. */
export function ReviewEditor({ bookId, review, rating: initialRating, onSaved, onCancel, onExisting }: ReviewEditorProps) {
  const { t } = useTranslation();
  const save = useSaveReview(bookId);
  const [rating, setRating] = useState<number | null>(review?.rating ?? initialRating);
  const [format, setFormat] = useState<ReviewFormat>(review?.body_format ?? "plain");
  const [spoiler, setSpoiler] = useState(review?.spoiler ?? false);
  const form = useForm(
    {
      title: review?.title ?? "",
      body: review?.body ?? "",
      content_warnings: review?.content_warnings.join(", ") ?? "",
      audience: (review?.audience ?? "") as string,
    },
    { otherShownFields: ["rating", "body_format", "spoiler"] },
  );
  const prefix = `review-editor-${review?.id ?? "new"}`;
  const audience = form.field("audience");

  const onSubmit = form.handleSubmit(schema, (data) => {
    const body: ReviewWrite = {
      title: data.title.trim(),
      body: data.body,
      body_format: format,
      spoiler,
      content_warnings: parseWarnings(data.content_warnings),
      rating,
      ...(data.audience ? { audience: data.audience as Audience } : {}),
    };
    save.mutate(
      { reviewId: review?.id ?? null, body },
      {
        onSuccess: onSaved,
        onError: (error) => {
          const existing = existingReviewId(error);
          if (existing !== null) onExisting(existing);
          else form.setServerError(error);
        },
      },
    );
  });

  const errorText = (name: string) => {
    const errors = form.serverErrorsFor(name);
    return errors.length ? (
      <p id={`${prefix}-${name}-errors`} className="mt-1 text-sm text-red-700">
        {errors.join(" ")}
      </p>
    ) : null;
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-gray-50 p-4" aria-label={review ? t("reviews.editor.editTitle") : t("reviews.editor.newTitle")}>
      <h3 className="text-lg font-semibold text-gray-900">{review ? t("reviews.editor.editTitle") : t("reviews.editor.newTitle")}</h3>
      <FormAlert messages={form.formErrors} />
      <div>
        <span className="mb-1 block text-sm font-medium text-gray-900">{t("reviews.editor.rating")}</span>
        <StarRatingInput
          value={rating}
          onChange={setRating}
          label={t("reviews.editor.rating")}
          aria-describedby={form.serverErrorsFor("rating").length ? `${prefix}-rating-errors` : undefined}
        />
        {errorText("rating")}
      </div>
      <FormField label={t("reviews.editor.title")} maxLength={REVIEW_TITLE_MAX_LENGTH} {...form.field("title")} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-gray-900">{t("reviews.editor.format")}</legend>
        <div className="flex flex-wrap gap-4">
          {REVIEW_FORMATS.map((option) => (
            <div key={option} className="flex items-center gap-2">
              <Radio
                id={`${prefix}-format-${option}`}
                name={`${prefix}-format`}
                value={option}
                checked={format === option}
                onChange={() => setFormat(option)}
              />
              <Label htmlFor={`${prefix}-format-${option}`}>{t(`reviews.editor.formats.${option}`)}</Label>
            </div>
          ))}
        </div>
        {errorText("body_format")}
      </fieldset>
      <TextareaField
        label={t("reviews.editor.body")}
        rows={6}
        help={format === "markdown" ? t("reviews.editor.markdownHelp") : t("reviews.editor.plainHelp")}
        {...form.field("body")}
      />
      <div>
        <div className="flex items-center gap-2">
          <Checkbox id={`${prefix}-spoiler`} checked={spoiler} onChange={(event) => setSpoiler(event.target.checked)} />
          <Label htmlFor={`${prefix}-spoiler`}>{t("reviews.editor.spoiler")}</Label>
        </div>
        {errorText("spoiler")}
      </div>
      <FormField
        label={t("reviews.editor.contentWarnings")}
        help={t("reviews.editor.contentWarningsHelp", { max: CONTENT_WARNINGS_MAX_COUNT })}
        {...form.field("content_warnings")}
      />
      <div>
        <Label htmlFor={`${prefix}-audience`} color={audience.errors.length ? "failure" : undefined}>
          {t("reviews.editor.audience")}
        </Label>
        {/* Not a SelectField: the book page's library control has an "audience" field of its own. */}
        <Select
          id={`${prefix}-audience`}
          name={audience.name}
          className="mt-1"
          value={audience.value}
          onChange={audience.onChange}
          color={audience.errors.length ? "failure" : "gray"}
          aria-invalid={audience.errors.length > 0 || undefined}
          aria-describedby={audience.errors.length ? `${prefix}-audience-errors` : undefined}
        >
          {review ? null : <option value="">{t("reviews.editor.audienceDefault")}</option>}
          {AUDIENCES.map((option) => (
            <option key={option} value={option}>
              {t(`privacy.audience.${option}`)}
            </option>
          ))}
        </Select>
        {audience.errors.length ? (
          <p id={`${prefix}-audience-errors`} className="mt-1 text-sm text-red-700">
            {audience.errors.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={save.isPending}>{review ? t("reviews.editor.saveChanges") : t("reviews.editor.publish")}</SubmitButton>
        <Button type="button" color="light" onClick={onCancel}>
          {t("reviews.cancel")}
        </Button>
      </div>
    </form>
  );
}
