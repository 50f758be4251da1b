import { Button } from "flowbite-react";
import type { ComponentProps } from "react";

interface FormFooterProps {
  /** Errors that belong to no one field (the form's own, a network failure), announced as they appear. */
  errors: string[];
  submitLabel: string;
  submitColor?: ComponentProps<typeof Button>["color"];
  /** The request is running: the submit button waits for it. */
  pending: boolean;
  cancelLabel: string;
  /** Without it, no Cancel button. */
  onCancel?: () => void;
}

/** The end of a comment or report form: what went wrong with it as a whole, then Send and Cancel. */
export function FormFooter({ errors, submitLabel, submitColor, pending, cancelLabel, onCancel }: FormFooterProps) {
  return (
    <>
      {errors.length ? (
        <p className="text-sm text-red-700" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="xs" color={submitColor} disabled={pending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" size="xs" color="light" onClick={onCancel}>
            {cancelLabel}
          </Button>
        ) : null}
      </div>
    </>
  );
}
