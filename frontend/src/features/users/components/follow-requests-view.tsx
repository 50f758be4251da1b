import { Button } from "flowbite-react";
import { useTranslation } from "react-i18next";

import { PaginationNav } from "@/components/ui/pagination-nav";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";

import { useUnfollowUser } from "../api/follow-user";
import { useAnswerFollowRequest, useFollowRequests, type RequestDirection } from "../api/follow-requests";
import { UserList } from "./user-list";

interface FollowRequestsViewProps {
  direction: RequestDirection;
  page: number;
  onPageChange: (page: number) => void;
}

function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "medium" });
  return (iso: string) => format.format(new Date(iso));
}

/** Requests to follow me (accept / reject), or mine to others (withdraw). */
export function FollowRequestsView({ direction, page, onPageChange }: FollowRequestsViewProps) {
  return direction === "incoming" ? (
    <IncomingRequests page={page} onPageChange={onPageChange} />
  ) : (
    <OutgoingRequests page={page} onPageChange={onPageChange} />
  );
}

function IncomingRequests({ page, onPageChange }: Omit<FollowRequestsViewProps, "direction">) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const requests = useFollowRequests("incoming", page);
  const answer = useAnswerFollowRequest();

  if (requests.isPending) return <InlineSpinner />;
  if (requests.isError) return <LoadError onRetry={() => void requests.refetch()} />;
  const byUsername = new Map(requests.data.results.map((request) => [request.requester.username, request]));

  return (
    <>
      <UserList
        label={t("requests.incoming")}
        users={requests.data.results.map((request) => request.requester)}
        emptyText={t("requests.noIncoming")}
        detail={(user) => {
          const request = byUsername.get(user.username);
          return request ? t("requests.sentOn", { date: formatDate(request.created_at) }) : null;
        }}
        actions={(user) => {
          const request = byUsername.get(user.username);
          if (!request) return null;
          return (
            <>
              <Button size="xs" disabled={answer.isPending} onClick={() => answer.mutate({ id: request.id, answer: "accept" })}>
                {t("requests.accept")}
              </Button>
              <Button
                size="xs"
                color="light"
                disabled={answer.isPending}
                onClick={() => answer.mutate({ id: request.id, answer: "reject" })}
              >
                {t("requests.reject")}
              </Button>
            </>
          );
        }}
      />
      <PaginationNav
        page={page}
        hasNext={Boolean(requests.data.next)}
        hasPrevious={Boolean(requests.data.previous)}
        onPageChange={onPageChange}
      />
    </>
  );
}

function OutgoingRequests({ page, onPageChange }: Omit<FollowRequestsViewProps, "direction">) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const requests = useFollowRequests("outgoing", page);
  const withdraw = useUnfollowUser();

  if (requests.isPending) return <InlineSpinner />;
  if (requests.isError) return <LoadError onRetry={() => void requests.refetch()} />;
  const byUsername = new Map(requests.data.results.map((request) => [request.target.username, request]));

  return (
    <>
      <UserList
        label={t("requests.outgoing")}
        users={requests.data.results.map((request) => request.target)}
        emptyText={t("requests.noOutgoing")}
        detail={(user) => {
          const request = byUsername.get(user.username);
          return request ? t("requests.sentOn", { date: formatDate(request.created_at) }) : null;
        }}
        actions={(user) => (
          <Button size="xs" color="light" disabled={withdraw.isPending} onClick={() => withdraw.mutate(user.username)}>
            {t("follow.cancelRequest")}
          </Button>
        )}
      />
      <PaginationNav
        page={page}
        hasNext={Boolean(requests.data.next)}
        hasPrevious={Boolean(requests.data.previous)}
        onPageChange={onPageChange}
      />
    </>
  );
}
