import { Button, Checkbox, Label, TextInput } from "flowbite-react";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { parseApiError } from "@/lib/api-errors";

import { useCreateShelf, useShelves } from "../api/shelves";

interface ShelfPickerProps {
  /** The shelves the book is on. */
  value: number[];
  onChange: (shelves: number[]) => void;
  disabled?: boolean;
  errors?: string[];
}

/** The reader's shelves as checkboxes, and a new shelf made on the spot (and the book put on it). */
export function ShelfPicker({ value, onChange, disabled = false, errors = [] }: ShelfPickerProps) {
  const { t } = useTranslation();
  const shelves = useShelves();
  const create = useCreateShelf();
  const [name, setName] = useState("");
  const createErrors = create.error ? Object.values(parseApiError(create.error).fieldErrors).flat() : [];
  const createFormErrors = create.error ? parseApiError(create.error).formErrors : [];

  const toggle = (id: number) => onChange(value.includes(id) ? value.filter((shelf) => shelf !== id) : [...value, id]);

  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (shelf) => {
          setName("");
          onChange([...value, shelf.id]);
        },
      },
    );
  };

  return (
    <div className="flex flex-col gap-2">
      {shelves.data && shelves.data.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label={t("library.shelves.label")}>
          {shelves.data.map((shelf) => (
            <li key={shelf.id} className="flex items-center gap-2">
              <Checkbox
                id={`shelf-${shelf.id}`}
                checked={value.includes(shelf.id)}
                disabled={disabled}
                onChange={() => toggle(shelf.id)}
              />
              <Label htmlFor={`shelf-${shelf.id}`}>{shelf.name}</Label>
            </li>
          ))}
        </ul>
      ) : shelves.isSuccess ? (
        <p className="text-sm text-gray-600">{t("library.shelves.none")}</p>
      ) : null}
      {errors.length ? <p className="text-sm text-red-700">{errors.join(" ")}</p> : null}
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-2" aria-label={t("library.shelves.new")}>
        <div className="min-w-40 flex-1">
          <Label htmlFor="new-shelf-name" color={createErrors.length ? "failure" : undefined}>
            {t("library.shelves.newName")}
          </Label>
          <TextInput
            id="new-shelf-name"
            sizing="sm"
            className="mt-1"
            maxLength={100}
            value={name}
            color={createErrors.length ? "failure" : "gray"}
            aria-invalid={createErrors.length > 0 || undefined}
            aria-describedby={createErrors.length ? "new-shelf-errors" : undefined}
            onChange={(event) => {
              setName(event.target.value);
              create.reset();
            }}
          />
        </div>
        <Button type="submit" size="xs" color="light" disabled={disabled || create.isPending || !name.trim()}>
          {t("library.shelves.create")}
        </Button>
      </form>
      {createErrors.length || createFormErrors.length ? (
        <p id="new-shelf-errors" className="text-sm text-red-700">
          {[...createErrors, ...createFormErrors].join(" ")}
        </p>
      ) : null}
    </div>
  );
}
