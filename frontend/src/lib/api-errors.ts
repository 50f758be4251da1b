import { isAxiosError } from "axios";

/** A failed API call, reduced to what a form shows: messages per field and messages for the whole form. */
export interface ApiFormErrors {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  /** True when the server never answered (offline, DNS, CORS...). */
  isNetworkError: boolean;
}

const FORM_LEVEL_KEYS = new Set(["non_field_errors", "detail"]);

/**
 * The messages in one field's value. DRF nests them for list and object fields
 * (`{"favourite_genres": {"3": ["Too long."]}}` or `[[...], [...]]`); all are flattened.
 */
function asMessages(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(asMessages);
  if (value && typeof value === "object") return Object.values(value).flatMap(asMessages);
  return [];
}

/** The `code` of a `{"detail", "code"}` error answer, if any. */
export function apiErrorCode(error: unknown): string | undefined {
  if (!isAxiosError(error)) return undefined;
  const data: unknown = error.response?.data;
  if (data && typeof data === "object" && "code" in data && typeof data.code === "string") return data.code;
  return undefined;
}

/** The HTTP status of a failed API call, if the server answered. */
export function apiErrorStatus(error: unknown): number | undefined {
  return isAxiosError(error) ? error.response?.status : undefined;
}

/**
 * Read the API's error shapes: validation `{"field": ["msg"], "non_field_errors": [...]}`
 * and everything else `{"detail": "...", "code": "..."}`.
 */
export function parseApiError(error: unknown): ApiFormErrors {
  const result: ApiFormErrors = { fieldErrors: {}, formErrors: [], isNetworkError: false };
  if (!isAxiosError(error)) return result;
  if (!error.response) {
    result.isNetworkError = true;
    return result;
  }
  const data: unknown = error.response.data;
  if (data && typeof data === "object" && !Array.isArray(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (key === "code") continue;
      const messages = asMessages(value);
      if (messages.length === 0) continue;
      if (FORM_LEVEL_KEYS.has(key)) {
        result.formErrors.push(...messages);
      } else {
        result.fieldErrors[key] = messages;
      }
    }
  }
  return result;
}
