import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";

import { useUnblockUser } from "../api/follow-user";
import { useBlocks } from "../api/get-blocks";
import { UserList } from "./user-list";

interface BlocksListProps {
  page: number;
  onPageChange: (page: number) => void;
}

export function BlocksList({ page, onPageChange }: BlocksListProps) {
  const { t } = useTranslation();
  const blocks = useBlocks(page);
  const unblock = useUnblockUser();

  if (blocks.isPending) return <InlineSpinner />;
  if (blocks.isError) return <LoadError onRetry={() => void blocks.refetch()} />;
  return (
    <>
      <UserList
        label={t("blocks.title")}
        users={blocks.data.results}
        emptyText={t("blocks.empty")}
        actions={(user) => (
          <Button size="xs" color="light" disabled={unblock.isPending} onClick={() => unblock.mutate(user.username)}>
            {t("follow.unblock")}
          </Button>
        )}
      />
      <PaginationNav
        page={page}
        hasNext={Boolean(blocks.data.next)}
        hasPrevious={Boolean(blocks.data.previous)}
        onPageChange={onPageChange}
      />
    </>
  );
}
