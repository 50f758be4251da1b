import { Button } from "flowbite-react";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { paths } from "@/config/paths";
import { parseApiError } from "@/lib/api-errors";
import { formLevelMessages } from "@/lib/server-errors";

import { useCreateComment, useDeleteComment, useEditComment, useReviewComments } from "../api/review-comments";
import type { Comment, UserRef } from "../types";
import { CommentBodyField } from "./comment-body-field";
import { FormFooter } from "./form-footer";
import { ReportForm } from "./report-form";

/** Replies deeper than this are drawn at this depth, so threads stay readable on a phone. */
const MAX_INDENT = 4;

/**
 * A comment counts as edited when it changed well after it was written: creating one sets both
 * times a moment apart.
 */
const EDITED_AFTER_MS = 1_000;

function wasEdited(comment: Comment): boolean {
  return !comment.deleted && Date.parse(comment.updated_at) - Date.parse(comment.created_at) > EDITED_AFTER_MS;
}

interface CommentFormProps {
  reviewId: number;
  bookId: number;
  parent: Comment | null;
  onDone?: () => void;
  onCancel?: () => void;
}

function CommentForm({ reviewId, bookId, parent, onDone, onCancel }: CommentFormProps) {
  const { t } = useTranslation();
  const create = useCreateComment(reviewId, bookId);
  const [body, setBody] = useState("");
  const [empty, setEmpty] = useState(false);
  const errors = create.error ? parseApiError(create.error) : null;
  const id = `comment-${reviewId}-${parent?.id ?? "new"}`;
  const bodyErrors = [...(empty ? [t("validation.required")] : []), ...(errors?.fieldErrors.body ?? [])];
  const otherErrors = errors
    ? [
        ...errors.formErrors,
        ...(errors.fieldErrors.parent ?? []),
        ...(errors.isNetworkError ? [t("errors.network")] : []),
      ]
    : [];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    create.mutate(
      { body: body.trim(), parent: parent?.id ?? null },
      {
        onSuccess: () => {
          setBody("");
          onDone?.();
        },
      },
    );
  };

  const label = parent ? t("reviews.comments.replyTo", { username: parent.user.username }) : t("reviews.comments.add");
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2">
      <CommentBodyField
        id={id}
        label={label}
        rows={2}
        value={body}
        errors={bodyErrors}
        onChange={(value) => {
          setBody(value);
          setEmpty(false);
        }}
      />
      <FormFooter
        errors={otherErrors}
        submitLabel={parent ? t("reviews.comments.sendReply") : t("reviews.comments.send")}
        pending={create.isPending}
        cancelLabel={t("reviews.cancel")}
        onCancel={onCancel}
      />
    </form>
  );
}

interface CommentEditorProps {
  comment: Comment;
  reviewId: number;
  onDone: (saved: boolean) => void;
}

/** The author's own comment, in place: Save keeps the change, Cancel or Escape drops it. */
function CommentEditor({ comment, reviewId, onDone }: CommentEditorProps) {
  const { t } = useTranslation();
  const edit = useEditComment(reviewId);
  const [body, setBody] = useState(comment.body);
  const [empty, setEmpty] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const errors = edit.error ? parseApiError(edit.error) : null;
  const id = `comment-edit-${comment.id}`;
  const bodyErrors = [...(empty ? [t("validation.required")] : []), ...(errors?.fieldErrors.body ?? [])];
  const otherErrors = errors ? formLevelMessages(errors, ["body"], t) : [];

  useEffect(() => {
    const field = textarea.current;
    if (!field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setEmpty(true);
      return;
    }
    if (text === comment.body) {
      onDone(false);
      return;
    }
    edit.mutate({ id: comment.id, body: text }, { onSuccess: () => onDone(true) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onDone(false);
    }
  };

  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} className="flex flex-col gap-2" aria-label={t("reviews.comments.editLabel")} noValidate>
      <CommentBodyField
        id={id}
        label={t("reviews.comments.editLabel")}
        hideLabel
        textareaRef={textarea}
        rows={3}
        value={body}
        errors={bodyErrors}
        onChange={(value) => {
          setBody(value);
          setEmpty(false);
          if (edit.isError) edit.reset();
        }}
      />
      <FormFooter
        errors={otherErrors}
        submitLabel={t("reviews.comments.save")}
        pending={edit.isPending}
        cancelLabel={t("reviews.comments.cancel")}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}

interface CommentItemProps {
  comment: Comment;
  reviewId: number;
  bookId: number;
  viewer: UserRef | null;
}

function CommentItem({ comment, reviewId, bookId, viewer }: CommentItemProps) {
  const { t, i18n } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const remove = useDeleteComment(reviewId, bookId);
  const removed = comment.deleted;
  const isMine = viewer !== null && comment.user.id === viewer.id;
  const dateTime = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  const closeEditor = (changed: boolean) => {
    setEditing(false);
    setSaved(changed);
    // Back to where the reader was: the Edit button comes back once the editor is gone.
    window.setTimeout(() => editButton.current?.focus());
  };

  return (
    <li
      className="flex flex-col gap-1 border-s-2 border-gray-200 ps-3"
      style={{ marginInlineStart: `${Math.min(comment.depth, MAX_INDENT) * 1.25}rem` }}
      data-testid="comment"
      data-depth={comment.depth}
    >
      <div className="flex flex-wrap items-baseline gap-2 text-sm">
        {!removed ? (
          <Link to={paths.profile.getHref(comment.user.username)} className="font-medium text-gray-900 hover:underline">
            @{comment.user.username}
          </Link>
        ) : (
          <span className="text-gray-500">{t("reviews.comments.someone")}</span>
        )}
        <time dateTime={comment.created_at} className="text-xs text-gray-500">
          {dateTime(comment.created_at)}
        </time>
        {wasEdited(comment) ? (
          <span className="text-xs text-gray-500" data-testid="comment-edited">
            (
            <time dateTime={comment.updated_at} title={t("reviews.comments.editedAt", { date: dateTime(comment.updated_at) })}>
              {t("reviews.comments.edited")}
            </time>
            )
          </span>
        ) : null}
      </div>
      {removed ? (
        <p className="text-sm text-gray-500 italic">{t("reviews.comments.deleted")}</p>
      ) : editing ? (
        <CommentEditor comment={comment} reviewId={reviewId} onDone={closeEditor} />
      ) : (
        <p className="text-sm whitespace-pre-line text-gray-800">{comment.body}</p>
      )}
      {saved ? (
        <p className="sr-only" role="status">
          {t("reviews.comments.saved")}
        </p>
      ) : null}
      {viewer && !removed && !editing ? (
        <div className="flex flex-wrap gap-3 text-xs">
          <button type="button" className="text-blue-700 hover:underline" onClick={() => setReplying((value) => !value)}>
            {t("reviews.comments.reply")}
          </button>
          {isMine ? (
            <button
              ref={editButton}
              type="button"
              className="text-blue-700 hover:underline"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t("reviews.comments.edit")}
            </button>
          ) : null}
          {isMine ? (
            <button
              type="button"
              className="text-gray-600 hover:underline"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t("reviews.comments.deleteConfirm"))) remove.mutate(comment.id);
              }}
            >
              {t("reviews.delete")}
            </button>
          ) : (
            <button type="button" className="text-gray-600 hover:underline" onClick={() => setReporting((value) => !value)}>
              {t("reviews.report.open")}
            </button>
          )}
        </div>
      ) : null}
      {remove.isError ? <p className="text-sm text-red-700">{parseApiError(remove.error).formErrors[0] ?? t("errors.generic")}</p> : null}
      {reporting ? <ReportForm target={{ kind: "comment", id: comment.id }} onClose={() => setReporting(false)} /> : null}
      {replying ? (
        <CommentForm reviewId={reviewId} bookId={bookId} parent={comment} onDone={() => setReplying(false)} onCancel={() => setReplying(false)} />
      ) : null}
    </li>
  );
}

interface CommentThreadProps {
  reviewId: number;
  bookId: number;
  viewer: UserRef | null;
}

/** A review's discussion: comments and replies in thread order, indented by depth. */
export function CommentThread({ reviewId, bookId, viewer }: CommentThreadProps) {
  const { t } = useTranslation();
  const comments = useReviewComments(reviewId);
  if (comments.isPending) return <InlineSpinner />;
  if (!comments.data) return <LoadError onRetry={() => void comments.refetch()} />;
  const all = comments.data.pages.flatMap((page) => page.results);
  return (
    <div className="flex flex-col gap-3">
      {all.length === 0 ? (
        <p className="text-sm text-gray-600">{t("reviews.comments.none")}</p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("reviews.comments.label")}>
          {all.map((comment) => (
            <CommentItem key={comment.id} comment={comment} reviewId={reviewId} bookId={bookId} viewer={viewer} />
          ))}
        </ol>
      )}
      {comments.hasNextPage ? (
        <Button size="xs" color="light" className="w-fit" disabled={comments.isFetchingNextPage} onClick={() => void comments.fetchNextPage()}>
          {t("reviews.comments.more")}
        </Button>
      ) : null}
      {viewer ? (
        <CommentForm reviewId={reviewId} bookId={bookId} parent={null} />
      ) : (
        <p className="text-sm text-gray-600">{t("reviews.comments.logIn")}</p>
      )}
    </div>
  );
}
