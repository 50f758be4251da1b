import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { paths } from "@/config/paths";
import { FollowRequestsView } from "@/features/users";
import { usePageParam } from "@/lib/use-page-param";

export default function FollowRequestsRoute() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const direction = searchParams.get("direction") === "outgoing" ? "outgoing" : "incoming";
  const [page, setPage] = usePageParam();
  const tabClass = (active: boolean) =>
    `rounded-lg px-3 py-2 text-sm font-medium ${active ? "bg-blue-700 text-white" : "text-gray-700 hover:bg-gray-100"}`;
  return (
    <section className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold text-gray-900 sm:text-3xl">{t("requests.title")}</h1>
      <nav className="mb-4 flex gap-2" aria-label={t("requests.title")}>
        <Link
          to={paths.followRequests.getHref("incoming")}
          className={tabClass(direction === "incoming")}
          aria-current={direction === "incoming" ? "page" : undefined}
        >
          {t("requests.incoming")}
        </Link>
        <Link
          to={paths.followRequests.getHref("outgoing")}
          className={tabClass(direction === "outgoing")}
          aria-current={direction === "outgoing" ? "page" : undefined}
        >
          {t("requests.outgoing")}
        </Link>
      </nav>
      <FollowRequestsView key={direction} direction={direction} page={page} onPageChange={setPage} />
    </section>
  );
}
