import { Badge, Button } from "flowbite-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { parseApiError } from "@/lib/api-errors";

import { useFollowUser, useUnblockUser, useUnfollowUser } from "../api/follow-user";
import type { Relationship } from "../types";

type FollowStatus = "none" | "requested" | "following";

function statusOf(relationship: Relationship): FollowStatus {
  if (relationship.following) return "following";
  if (relationship.requested) return "requested";
  return "none";
}

interface FollowButtonProps {
  username: string;
  relationship: Relationship;
  /** Called when a signed-out visitor presses Follow. */
  onSignInRequired?: () => void;
  isAuthenticated: boolean;
}

/**
 * Follow, Requested (a pending request that can be withdrawn) or Following (unfollow).
 * The state moves as soon as the server answers; the profile refetch confirms it.
 * Remount it (with `key`) when `relationship` changes.
 */
export function FollowButton({ username, relationship, isAuthenticated, onSignInRequired }: FollowButtonProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FollowStatus>(() => statusOf(relationship));
  const follow = useFollowUser();
  const unfollow = useUnfollowUser();
  const unblock = useUnblockUser();
  const pending = follow.isPending || unfollow.isPending || unblock.isPending;
  const error = follow.error ?? unfollow.error ?? unblock.error;
  const errorMessage = error ? (parseApiError(error).formErrors[0] ?? t("errors.generic")) : null;

  if (relationship.is_self) return null;

  let control;
  if (relationship.blocking) {
    control = (
      <Button color="light" size="sm" disabled={pending} onClick={() => unblock.mutate(username)}>
        {t("follow.unblock")}
      </Button>
    );
  } else if (status === "none") {
    control = (
      <Button
        size="sm"
        disabled={pending}
        onClick={() => {
          if (!isAuthenticated) {
            onSignInRequired?.();
            return;
          }
          follow.mutate(username, { onSuccess: (result) => setStatus(result.status) });
        }}
      >
        {relationship.followed_by ? t("follow.followBack") : t("follow.follow")}
      </Button>
    );
  } else {
    control = (
      <>
        <Badge color={status === "following" ? "success" : "warning"} size="sm" data-testid="follow-status">
          {status === "following" ? t("follow.following") : t("follow.requested")}
        </Badge>
        <Button
          color="light"
          size="sm"
          disabled={pending}
          onClick={() => unfollow.mutate(username, { onSuccess: () => setStatus("none") })}
        >
          {status === "following" ? t("follow.unfollow") : t("follow.cancelRequest")}
        </Button>
      </>
    );
  }

  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex items-center gap-2">{control}</div>
      {errorMessage ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage}
        </p>
      ) : null}
    </div>
  );
}
