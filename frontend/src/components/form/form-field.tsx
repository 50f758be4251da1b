import { TextInput } from "flowbite-react";
import type { ComponentProps } from "react";

import { FieldFrame } from "./field-frame";

interface FormFieldProps extends Omit<ComponentProps<typeof TextInput>, "id" | "color"> {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
}

/** A labelled input with its error messages (client or server) right below it. */
export function FormField({ name, label, errors, help, ...inputProps }: FormFieldProps) {
  return (
    <FieldFrame name={name} label={label} errors={errors} help={help}>
      {(control) => <TextInput {...control} {...inputProps} />}
    </FieldFrame>
  );
}
