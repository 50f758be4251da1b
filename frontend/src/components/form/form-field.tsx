import { HelperText, Label, TextInput } from "flowbite-react";
import type { ComponentProps } from "react";

interface FormFieldProps extends Omit<ComponentProps<typeof TextInput>, "id" | "color"> {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
}

/** A labelled input with its error messages (client or server) right below it. */
export function FormField({ name, label, errors = [], help, ...inputProps }: FormFieldProps) {
  const id = `field-${name}`;
  const hasErrors = errors.length > 0;
  const describedBy = hasErrors ? `${id}-errors` : help ? `${id}-help` : undefined;
  return (
    <div>
      <div className="mb-2 block">
        <Label htmlFor={id} color={hasErrors ? "failure" : undefined}>
          {label}
        </Label>
      </div>
      <TextInput
        id={id}
        name={name}
        color={hasErrors ? "failure" : "gray"}
        aria-invalid={hasErrors || undefined}
        aria-describedby={describedBy}
        {...inputProps}
      />
      {hasErrors ? (
        <HelperText id={`${id}-errors`} color="failure">
          {errors.map((message) => (
            <span key={message} className="block">
              {message}
            </span>
          ))}
        </HelperText>
      ) : help ? (
        <HelperText id={`${id}-help`}>{help}</HelperText>
      ) : null}
    </div>
  );
}
