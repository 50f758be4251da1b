import { Alert } from "flowbite-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { ReaderActivity } from "@/features/feed";
import { READER_LIBRARY_URL_KEYS, ReaderLibrary } from "@/features/library";
import { ReaderReviews } from "@/features/reviews";
import type { components } from "@/types/api.gen";

type Reader = components["schemas"]["Reader"];

const PROFILE_TABS = ["library", "reviews", "activity"] as const;
type ProfileTab = (typeof PROFILE_TABS)[number];

/** The tab of `?tab=` (the library when missing or unknown). */
function profileTabOf(search: URLSearchParams): ProfileTab {
  const value = search.get("tab");
  return (PROFILE_TABS as readonly string[]).includes(value ?? "") ? (value as ProfileTab) : "library";
}

/** The search of the tab `tab`: a tab starts on its first page, without the other tab's filters. */
function tabSearch(current: URLSearchParams, tab: ProfileTab): string {
  const next = new URLSearchParams(current);
  for (const key of READER_LIBRARY_URL_KEYS) next.delete(key);
  if (tab === "library") next.delete("tab");
  else next.set("tab", tab);
  const text = next.toString();
  return text ? `?${text}` : "?";
}

interface ProfileReadingProps {
  profile: Reader;
  /** The signed-in reader, or null. */
  viewer: { id: number; username: string } | null;
}

/**
 * A reader's reading life under their profile card: their library, reviews and activity, one tab at a
 * time (the tab, filters and page are in the URL). Each list shows only what the API lets the viewer see.
 */
export function ProfileReading({ profile, viewer }: ProfileReadingProps) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const tab = profileTabOf(searchParams);
  const { username } = profile;
  const isSelf = profile.relationship.is_self;
  const restricted = !profile.can_view_profile;

  return (
    <div className="flex flex-col gap-4" data-testid="profile-reading">
      {restricted && !isSelf ? (
        <Alert color="info" role="note" data-testid="profile-reading-privacy">
          <span>
            {profile.profile_visibility === "followers"
              ? t("profileReading.privacy.followers", { username })
              : t("profileReading.privacy.private", { username })}
          </span>
          {profile.profile_visibility === "followers" && !profile.relationship.blocking ? (
            <span className="mt-1 block">{t("profileReading.privacy.followToSee")}</span>
          ) : null}
        </Alert>
      ) : null}
      <nav aria-label={t("profileReading.sections")} className="border-b border-gray-200">
        <ul className="-mb-px flex gap-1 overflow-x-auto">
          {PROFILE_TABS.map((item) => {
            const current = item === tab;
            return (
              <li key={item}>
                <Link
                  to={tabSearch(searchParams, item)}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block border-b-2 px-4 py-2 text-sm font-medium whitespace-nowrap focus:ring-2 focus:ring-blue-300 focus:outline-none ${
                    current ? "border-blue-700 text-blue-700" : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"
                  }`}
                >
                  {t(`profileReading.tabs.${item}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {tab === "library" ? (
        <ReaderLibrary key={username} username={username} isSelf={isSelf} restricted={restricted} />
      ) : tab === "reviews" ? (
        <ReaderReviews key={username} username={username} viewer={viewer} isSelf={isSelf} restricted={restricted} />
      ) : (
        <ReaderActivity key={username} username={username} isSelf={isSelf} restricted={restricted} />
      )}
    </div>
  );
}
