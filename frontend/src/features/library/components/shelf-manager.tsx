import { Button } from "flowbite-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { FormAlert } from "@/components/form/form-alert";
import { FormField } from "@/components/form/form-field";
import { SelectField } from "@/components/form/select-field";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";
import { useForm } from "@/lib/use-form";

import { useCreateShelf, useDeleteShelf, useShelves, useUpdateShelf } from "../api/shelves";
import { AUDIENCES, type Audience, type Shelf, type ShelfPatch } from "../types";

/** The API's limit (SHELF_NAME_MAX_LENGTH). */
export const SHELF_NAME_MAX_LENGTH = 100;

const shelfName = z
  .string()
  .trim()
  .min(1, "library.shelves.manage.nameRequired")
  .max(SHELF_NAME_MAX_LENGTH, "library.shelves.manage.nameTooLong");

const editSchema = z.object({ name: shelfName, audience: z.enum(["", ...AUDIENCES] as const) });
const createSchema = z.object({ name: shelfName });

/** What changed, in the API's terms; the server squeezes runs of spaces in names the same way. */
function shelfChanges(shelf: Shelf, name: string, audience: string): ShelfPatch {
  const changes: ShelfPatch = {};
  const squeezed = name.split(/\s+/).filter(Boolean).join(" ");
  if (squeezed !== shelf.name) changes.name = squeezed;
  if (audience !== (shelf.audience ?? "")) changes.audience = audience ? (audience as Audience) : null;
  return changes;
}

interface ShelfEditFormProps {
  shelf: Shelf;
  onDone: (saved: Shelf | null) => void;
}

/** Rename a shelf or change who sees it; Escape or Cancel leaves it as it was. */
function ShelfEditForm({ shelf, onDone }: ShelfEditFormProps) {
  const { t } = useTranslation();
  const update = useUpdateShelf();
  const form = useForm({ name: shelf.name, audience: shelf.audience ?? "" });
  const nameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    nameInput.current?.focus();
    nameInput.current?.select();
  }, []);

  const onSubmit = form.handleSubmit(editSchema, (data) => {
    const changes = shelfChanges(shelf, data.name, data.audience);
    if (Object.keys(changes).length === 0) {
      onDone(null);
      return;
    }
    update.mutate({ id: shelf.id, body: changes }, { onSuccess: (saved) => onDone(saved), onError: form.setServerError });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onDone(null);
    }
  };

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={t("library.shelves.manage.editLabel", { name: shelf.name })}
      className="flex flex-col gap-3"
    >
      <FormAlert messages={form.formErrors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label={t("library.shelves.manage.name")}
          {...form.field("name")}
          name={`shelf-${shelf.id}-name`}
          ref={nameInput}
          sizing="sm"
          maxLength={SHELF_NAME_MAX_LENGTH}
        />
        <SelectField label={t("library.shelves.manage.audience")} {...form.field("audience")} name={`shelf-${shelf.id}-audience`} sizing="sm">
          {shelf.audience ? null : <option value="">{t("library.details.audienceDefault")}</option>}
          {AUDIENCES.map((audience) => (
            <option key={audience} value={audience}>
              {t(`privacy.audience.${audience}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="xs" disabled={update.isPending}>
          {t("library.shelves.manage.save")}
        </Button>
        <Button type="button" size="xs" color="light" onClick={() => onDone(null)}>
          {t("library.shelves.manage.cancel")}
        </Button>
      </div>
    </form>
  );
}

interface ShelfRowProps {
  shelf: Shelf;
  editing: boolean;
  onEdit: (editing: boolean) => void;
  onSaved: (shelf: Shelf) => void;
  onDeleted: (shelf: Shelf) => void;
}

function ShelfRow({ shelf, editing, onEdit, onSaved, onDeleted }: ShelfRowProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteShelf({ onDeleted });
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  // Which button focus goes back to once the editor or the confirmation closes.
  const returnFocus = useRef<"edit" | "delete" | null>(null);
  const confirmId = useId();

  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (!editing && returnFocus.current) {
      (returnFocus.current === "edit" ? editButton : deleteButton).current?.focus();
      returnFocus.current = null;
    }
  }, [confirming, editing]);

  const closeConfirm = () => {
    returnFocus.current = "delete";
    setConfirming(false);
    remove.reset();
  };

  if (editing) {
    return (
      <li className="py-3" data-testid="managed-shelf">
        <ShelfEditForm
          shelf={shelf}
          onDone={(saved) => {
            returnFocus.current = "edit";
            onEdit(false);
            if (saved) onSaved(saved);
          }}
        />
      </li>
    );
  }

  const count = shelf.entries_count;
  const removeErrors = remove.error ? formLevelMessages(parseApiError(remove.error), [], t) : [];
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="managed-shelf">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words text-gray-900">{shelf.name}</p>
          <p className="text-sm text-gray-600">
            {t("library.count", { count })}
            {shelf.audience ? ` · ${t(`privacy.audience.${shelf.audience}`)}` : null}
          </p>
        </div>
        <div className="flex gap-2">
          <Button
            ref={editButton}
            size="xs"
            color="light"
            aria-label={t("library.shelves.manage.editShelf", { name: shelf.name })}
            disabled={confirming}
            onClick={() => onEdit(true)}
          >
            {t("library.shelves.manage.edit")}
          </Button>
          <Button
            ref={deleteButton}
            size="xs"
            color="light"
            aria-label={t("library.shelves.manage.deleteShelf", { name: shelf.name })}
            aria-expanded={confirming}
            aria-controls={confirming ? confirmId : undefined}
            onClick={() => (confirming ? closeConfirm() : setConfirming(true))}
          >
            {t("library.shelves.manage.delete")}
          </Button>
        </div>
      </div>
      {confirming ? (
        <div
          id={confirmId}
          role="alertdialog"
          aria-labelledby={`${confirmId}-title`}
          aria-describedby={`${confirmId}-text`}
          className="flex flex-col gap-2 rounded border border-red-200 bg-red-50 p-3"
          onKeyDown={(event) => {
            if (event.key === "Escape") closeConfirm();
          }}
        >
          <p id={`${confirmId}-title`} className="font-medium text-gray-900">
            {t("library.shelves.manage.deleteTitle", { name: shelf.name })}
          </p>
          <p id={`${confirmId}-text`} className="text-sm text-gray-700">
            {count === 0 ? t("library.shelves.manage.deleteEmpty") : t("library.shelves.manage.deleteKeeps", { count })}
          </p>
          {removeErrors.length ? (
            <p className="text-sm text-red-700" role="alert">
              {removeErrors.join(" ")}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button size="xs" color="red" disabled={remove.isPending} onClick={() => remove.mutate(shelf)}>
              {t("library.shelves.manage.deleteConfirm")}
            </Button>
            <Button ref={keepButton} size="xs" color="light" onClick={closeConfirm}>
              {t("library.shelves.manage.keep")}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** A new shelf, made from the manager (the book page's shelf picker makes them too). */
function NewShelfForm({ onCreated }: { onCreated: (shelf: Shelf) => void }) {
  const { t } = useTranslation();
  const create = useCreateShelf();
  const form = useForm({ name: "" });
  const onSubmit = form.handleSubmit(createSchema, (data) =>
    create.mutate(
      { name: data.name },
      {
        onSuccess: (shelf) => {
          form.setValue("name", "");
          onCreated(shelf);
        },
        onError: form.setServerError,
      },
    ),
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("library.shelves.manage.newLabel")} className="flex flex-col gap-2">
      <FormAlert messages={form.formErrors} />
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <FormField
            label={t("library.shelves.manage.newName")}
            {...form.field("name")}
            name="new-shelf-name-manage"
            sizing="sm"
            maxLength={SHELF_NAME_MAX_LENGTH}
          />
        </div>
        <Button type="submit" size="sm" className="mt-7" disabled={create.isPending}>
          {t("library.shelves.manage.create")}
        </Button>
      </div>
    </form>
  );
}

interface ShelfManagerProps {
  /** A shelf was deleted (the library may be filtered by it). */
  onDeleted: (shelf: Shelf) => void;
  onClose: () => void;
}

/**
 * The reader's shelves with how many books each holds: rename them, change who sees them, delete
 * them (their books stay in the library), or make a new one.
 */
export function ShelfManager({ onDeleted, onClose }: ShelfManagerProps) {
  const { t } = useTranslation();
  const shelves = useShelves();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <section
      id="shelf-manager"
      aria-labelledby="shelf-manager-heading"
      className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
      data-testid="shelf-manager"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="shelf-manager-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-gray-900 focus:outline-none">
          {t("library.shelves.manage.heading")}
        </h2>
        <Button size="xs" color="light" onClick={onClose}>
          {t("library.shelves.manage.close")}
        </Button>
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>
      {shelves.isPending ? (
        <InlineSpinner />
      ) : shelves.isError ? (
        <LoadError onRetry={() => void shelves.refetch()} />
      ) : shelves.data.length === 0 ? (
        <p className="text-sm text-gray-600">{t("library.shelves.none")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-gray-100" aria-label={t("library.shelves.label")}>
          {shelves.data.map((shelf) => (
            <ShelfRow
              key={shelf.id}
              shelf={shelf}
              editing={editingId === shelf.id}
              onEdit={(editing) => {
                setStatus(null);
                setEditingId(editing ? shelf.id : null);
              }}
              onSaved={(saved) => setStatus(t("library.shelves.manage.saved", { name: saved.name }))}
              onDeleted={(deleted) => {
                setStatus(t("library.shelves.manage.deleted", { name: deleted.name }));
                heading.current?.focus();
                onDeleted(deleted);
              }}
            />
          ))}
        </ul>
      )}
      <NewShelfForm onCreated={(shelf) => setStatus(t("library.shelves.manage.created", { name: shelf.name }))} />
    </section>
  );
}
