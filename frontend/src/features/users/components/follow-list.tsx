import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { apiErrorCode, apiErrorStatus } from "@/lib/api-errors";

import { useRemoveFollower } from "../api/follow-user";
import { useFollowList, type FollowListKind } from "../api/get-follow-list";
import { UserList } from "./user-list";

interface FollowListProps {
  username: string;
  kind: FollowListKind;
  page: number;
  onPageChange: (page: number) => void;
  /** The list is the signed-in reader's own: followers get a Remove button. */
  isOwn: boolean;
}

export function FollowList({ username, kind, page, onPageChange, isOwn }: FollowListProps) {
  const { t } = useTranslation();
  const list = useFollowList(username, kind, page);
  const remove = useRemoveFollower();

  if (list.isPending) return <InlineSpinner />;
  if (list.isError) {
    const status = apiErrorStatus(list.error);
    const code = apiErrorCode(list.error);
    if (code === "follow_lists_hidden") return <LoadError message={t("followLists.hidden")} />;
    if (status === 403) return <LoadError message={t("followLists.private")} />;
    if (status === 404) return <LoadError message={t("followLists.notFound")} />;
    return <LoadError onRetry={() => void list.refetch()} />;
  }

  const label = kind === "followers" ? t("followLists.followersOf", { username }) : t("followLists.followingOf", { username });
  return (
    <>
      <UserList
        users={list.data.results}
        label={label}
        emptyText={kind === "followers" ? t("followLists.noFollowers") : t("followLists.noFollowing")}
        actions={
          isOwn && kind === "followers"
            ? (user) => (
                <Button
                  color="light"
                  size="xs"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t("followLists.removeConfirm", { username: user.username }))) {
                      remove.mutate(user.username);
                    }
                  }}
                >
                  {t("followLists.remove")}
                </Button>
              )
            : undefined
        }
      />
      <PaginationNav
        page={page}
        hasNext={Boolean(list.data.next)}
        hasPrevious={Boolean(list.data.previous)}
        onPageChange={onPageChange}
      />
    </>
  );
}
