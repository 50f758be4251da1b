import { Button, Checkbox, Label } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SelectField } from "@/components/form/select-field";
import { TextareaField } from "@/components/form/textarea-field";
import { useForm } from "@/lib/use-form";

import { useSaveLibraryEntry } from "../api/save-library-entry";
import { AUDIENCES, LIBRARY_FORMATS, type Audience, type LibraryEntry, type LibraryFormat } from "../types";
import { parseTags } from "../utils/tags";

const MAX_TAGS = 20;

const schema = z.object({
  format: z.enum(["", ...LIBRARY_FORMATS] as const),
  tags: z
    .string()
    .refine((text) => parseTags(text).length <= MAX_TAGS, "library.details.tooManyTags")
    .refine((text) => parseTags(text).every((tag) => tag.length <= 50), "library.details.tagTooLong"),
  notes: z.string().max(10_000, "library.details.notesTooLong"),
  audience: z.enum(["", ...AUDIENCES] as const),
});

/** Owned, format, wishlist, tags, private notes and who may see the entry. */
export function EntryDetailsForm({ entry }: { entry: LibraryEntry }) {
  const { t } = useTranslation();
  const save = useSaveLibraryEntry();
  const [owned, setOwned] = useState(entry.owned);
  const [wishlist, setWishlist] = useState(entry.wishlist);
  const [saved, setSaved] = useState(false);
  const form = useForm(
    {
      format: entry.format as string,
      tags: entry.tags.join(", "),
      notes: entry.notes,
      audience: entry.audience_is_default ? "" : (entry.audience as string),
    },
    { otherShownFields: ["owned", "wishlist"] },
  );

  const onSubmit = form.handleSubmit(schema, (data) => {
    setSaved(false);
    save.mutate(
      {
        entryId: entry.id,
        bookId: entry.book.id,
        changes: {
          owned,
          wishlist,
          format: data.format as LibraryFormat | "",
          tags: parseTags(data.tags),
          notes: data.notes,
          audience: data.audience ? (data.audience as Audience) : null,
        },
      },
      { onSuccess: () => setSaved(true), onError: form.setServerError },
    );
  });

  const checkbox = (name: "owned" | "wishlist", checked: boolean, set: (value: boolean) => void) => {
    const errors = form.serverErrorsFor(name);
    return (
      <div>
        <div className="flex items-center gap-2">
          <Checkbox
            id={`entry-${name}`}
            checked={checked}
            aria-describedby={errors.length ? `entry-${name}-errors` : undefined}
            onChange={(event) => set(event.target.checked)}
          />
          <Label htmlFor={`entry-${name}`}>{t(`library.details.${name}`)}</Label>
        </div>
        {errors.length ? (
          <p id={`entry-${name}-errors`} className="mt-1 text-sm text-red-700">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" aria-label={t("library.details.label")} noValidate>
      <FormAlert messages={form.formErrors} />
      <div className="flex flex-wrap gap-6">
        {checkbox("owned", owned, setOwned)}
        {checkbox("wishlist", wishlist, setWishlist)}
      </div>
      <SelectField label={t("library.details.format")} {...form.field("format")}>
        <option value="">{t("library.details.noFormat")}</option>
        {LIBRARY_FORMATS.map((format) => (
          <option key={format} value={format}>
            {t(`library.format.${format}`)}
          </option>
        ))}
      </SelectField>
      <FormField label={t("library.details.tags")} help={t("library.details.tagsHelp")} {...form.field("tags")} />
      <TextareaField label={t("library.details.notes")} help={t("library.details.notesHelp")} rows={3} {...form.field("notes")} />
      <SelectField label={t("library.details.audience")} help={t("library.details.audienceHelp")} {...form.field("audience")}>
        <option value="">{t("library.details.audienceDefault")}</option>
        {AUDIENCES.map((audience) => (
          <option key={audience} value={audience}>
            {t(`privacy.audience.${audience}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={save.isPending}>
          {t("library.details.save")}
        </Button>
        {saved ? (
          <span className="text-sm text-green-800" role="status">
            {t("library.details.saved")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
