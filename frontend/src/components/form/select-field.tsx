import { Select } from "flowbite-react";
import type { ComponentProps } from "react";

import { FieldFrame } from "./field-frame";

interface SelectFieldProps extends Omit<ComponentProps<typeof Select>, "id" | "color"> {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
}

/** A labelled select (its options as children) with its error messages (client or server) right below it. */
export function SelectField({ name, label, errors, help, children, ...selectProps }: SelectFieldProps) {
  return (
    <FieldFrame name={name} label={label} errors={errors} help={help}>
      {(control) => (
        <Select {...control} {...selectProps}>
          {children}
        </Select>
      )}
    </FieldFrame>
  );
}
