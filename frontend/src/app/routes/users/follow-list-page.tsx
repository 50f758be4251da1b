import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { paths } from "@/config/paths";
import { FollowList, useMyProfile } from "@/features/users";
import { selectIsAuthenticated, useAuthStore } from "@/features/auth";
import { usePageParam } from "@/lib/use-page-param";

/** Followers or following of the reader in the URL, a page at a time. */
export function FollowListPage({ kind }: { kind: "followers" | "following" }) {
  const { t } = useTranslation();
  const { username = "" } = useParams();
  const [page, setPage] = usePageParam();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMyProfile({ enabled: isAuthenticated });
  const isOwn = me.data?.username.toLowerCase() === username.toLowerCase();
  const tabClass = (active: boolean) =>
    `rounded-lg px-3 py-2 text-sm font-medium ${active ? "bg-blue-700 text-white" : "text-gray-700 hover:bg-gray-100"}`;

  return (
    <section className="mx-auto max-w-3xl">
      <Link to={paths.profile.getHref(username)} className="text-sm text-blue-700 hover:underline">
        ← @{username}
      </Link>
      <h1 className="mt-2 mb-4 text-2xl font-bold text-gray-900">
        {kind === "followers" ? t("followLists.followersTitle") : t("followLists.followingTitle")}
      </h1>
      <nav className="mb-4 flex gap-2" aria-label={t("followLists.switch")}>
        <Link to={paths.profile.followers.getHref(username)} className={tabClass(kind === "followers")}>
          {t("profile.followersCount")}
        </Link>
        <Link to={paths.profile.following.getHref(username)} className={tabClass(kind === "following")}>
          {t("profile.followingCount")}
        </Link>
      </nav>
      <FollowList key={`${username}-${kind}`} username={username} kind={kind} page={page} onPageChange={setPage} isOwn={isOwn} />
    </section>
  );
}
