import { Label, Textarea } from "flowbite-react";
import type { Ref } from "react";

import { COMMENT_BODY_MAX_LENGTH } from "../types";

interface CommentBodyFieldProps {
  id: string;
  label: string;
  /** Keep the label for screen readers only (the editor stands in place of the comment it edits). */
  hideLabel?: boolean;
  rows: number;
  value: string;
  /** What is wrong with the text, shown under it and tied to it for screen readers. */
  errors: string[];
  onChange: (value: string) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

/** A comment's text box with its label and its errors: the same in a new comment, a reply and an edit. */
export function CommentBodyField({ id, label, hideLabel = false, rows, value, errors, onChange, textareaRef }: CommentBodyFieldProps) {
  const invalid = errors.length > 0;
  return (
    <>
      <Label htmlFor={id} className={hideLabel ? "sr-only" : undefined} color={!hideLabel && invalid ? "failure" : undefined}>
        {label}
      </Label>
      <Textarea
        id={id}
        ref={textareaRef}
        rows={rows}
        maxLength={COMMENT_BODY_MAX_LENGTH}
        value={value}
        color={invalid ? "failure" : "gray"}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-errors` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid ? (
        <p id={`${id}-errors`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}
