import { HelperText, Label, Textarea } from "flowbite-react";
import type { ComponentProps } from "react";

interface TextareaFieldProps extends Omit<ComponentProps<typeof Textarea>, "id" | "color"> {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
}

/** A labelled textarea with its error messages (client or server) right below it. */
export function TextareaField({ name, label, errors = [], help, ...inputProps }: TextareaFieldProps) {
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
      <Textarea
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
