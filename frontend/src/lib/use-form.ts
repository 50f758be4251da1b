import { useState, type ChangeEvent, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

import { parseApiError, type ApiFormErrors } from "./api-errors";
import { validate, type FieldErrors } from "./form-validation";
import { formLevelMessages } from "./server-errors";

type FormValues = Record<string, string>;

interface FormOptions<V> {
  /** Fields the form shows in its own way (not through `field()`), with `serverErrorsFor()`. */
  otherShownFields?: string[];
  /**
   * Inputs that stand for several fields of the API (one date input for a year, a month and
   * a day): those fields' server messages are shown beside the input and cleared with it.
   */
  serverFieldsOf?: Partial<Record<keyof V & string, string[]>>;
}

/**
 * The state every form of the SPA shares: its values, client-side messages (i18n keys)
 * and the server's messages, which stay beside their field until that field is edited.
 * Fields the form does not show (neither inputs nor `otherShownFields`) get their server
 * messages above the form.
 */
export function useForm<V extends FormValues>(initial: V, { otherShownFields = [], serverFieldsOf = {} }: FormOptions<V> = {}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [serverErrors, setServerErrors] = useState<ApiFormErrors | null>(null);
  const serverFields = (name: keyof V & string): string[] => [name, ...(serverFieldsOf[name] ?? [])];
  const fieldNames = [
    ...Object.keys(initial),
    ...otherShownFields,
    ...Object.values(serverFieldsOf).flatMap((fields) => fields ?? []),
  ];

  const setValue = (name: keyof V & string, value: string) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setClientErrors((previous) => ({ ...previous, [name]: undefined }));
    setServerErrors((previous) => {
      if (!previous || !serverFields(name).some((field) => previous.fieldErrors[field])) return previous;
      const fieldErrors = { ...previous.fieldErrors };
      for (const field of serverFields(name)) delete fieldErrors[field];
      return { ...previous, fieldErrors };
    });
  };

  return {
    values,
    setValues,
    setValue,
    /** Props for a text input bound to `name`, its messages included. */
    field: (name: keyof V & string) => ({
      name,
      value: values[name] ?? "",
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
        setValue(name, event.target.value),
      errors: [
        ...(clientErrors[name] ?? []).map((key) => t(key as never)),
        ...serverFields(name).flatMap((field) => serverErrors?.fieldErrors[field] ?? []),
      ],
    }),
    formErrors: formLevelMessages(serverErrors, fieldNames, t),
    /** The server's messages for a field the form shows in its own way (not an input). */
    serverErrorsFor: (name: string): string[] => serverErrors?.fieldErrors[name] ?? [],
    /** Remember a failed request's messages (or clear them with null). */
    setServerError: (error: unknown) => setServerErrors(error ? parseApiError(error) : null),
    /**
     * A submit handler: validates with `schema`, then calls `onValid` with the parsed data.
     * Server messages of an earlier attempt are cleared first.
     */
    handleSubmit:
      <T>(schema: z.ZodType<T>, onValid: (data: T) => void) =>
      (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const result = validate(schema, values);
        if (!result.success) {
          setClientErrors(result.errors);
          return;
        }
        setClientErrors({});
        setServerErrors(null);
        onValid(result.data);
      },
  };
}
