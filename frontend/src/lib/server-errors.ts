import type { TFunction } from "i18next";

import type { ApiFormErrors } from "@/lib/api-errors";

/**
 * The messages to show above a form: the server's form-level messages, messages for
 * fields the form does not show, or a generic message when the server said nothing usable.
 */
export function formLevelMessages(
  errors: ApiFormErrors | null,
  shownFields: readonly string[],
  t: TFunction,
): string[] {
  if (!errors) return [];
  if (errors.isNetworkError) return [t("errors.network")];
  const fields = Object.keys(errors.fieldErrors);
  const unplaced = fields
    .filter((field) => !shownFields.includes(field))
    .flatMap((field) => errors.fieldErrors[field] ?? []);
  const messages = [...errors.formErrors, ...unplaced];
  const anyShownBesideField = fields.some((field) => shownFields.includes(field));
  if (messages.length === 0 && !anyShownBesideField) return [t("errors.generic")];
  return messages;
}
