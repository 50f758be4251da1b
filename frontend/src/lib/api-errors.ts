import { isAxiosError } from "axios";

/** A failed API call, reduced to what a form shows: messages per field and messages for the whole form. */
export interface ApiFormErrors {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  /** True when the server never answered (offline, DNS, CORS...). */
  isNetworkError: boolean;
}

const FORM_LEVEL_KEYS = new Set(["non_field_errors", "detail"]);

function asMessages(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
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
