import { Textarea } from "flowbite-react";
import type { ComponentProps } from "react";

import { FieldFrame } from "./field-frame";

interface TextareaFieldProps extends Omit<ComponentProps<typeof Textarea>, "id" | "color"> {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
}

/** A labelled textarea with its error messages (client or server) right below it. */
export function TextareaField({ name, label, errors, help, ...inputProps }: TextareaFieldProps) {
  return (
    <FieldFrame name={name} label={label} errors={errors} help={help}>
      {(control) => <Textarea {...control} {...inputProps} />}
    </FieldFrame>
  );
}
