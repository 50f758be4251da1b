import { HelperText, Label } from "flowbite-react";
import type { ReactNode } from "react";

/** What a field's control needs to be tied to its label and its messages. */
export interface FieldControlProps {
  id: string;
  name: string;
  color: "failure" | "gray";
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

interface FieldFrameProps {
  name: string;
  label: string;
  errors?: string[];
  help?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** A label, a control (drawn by `children`) and its error messages (client or server) or help below it. */
export function FieldFrame({ name, label, errors = [], help, children }: FieldFrameProps) {
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
      {children({
        id,
        name,
        color: hasErrors ? "failure" : "gray",
        "aria-invalid": hasErrors || undefined,
        "aria-describedby": describedBy,
      })}
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
