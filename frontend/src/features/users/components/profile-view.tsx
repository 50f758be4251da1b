import { Badge, Button, Card } from "flowbite-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { NotFound } from "@/components/errors/not-found";
import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { UserAvatar } from "@/components/ui/user-avatar";
import { paths } from "@/config/paths";
import { apiErrorStatus } from "@/lib/api-errors";

import { useBlockUser } from "../api/follow-user";
import { useProfile } from "../api/get-profile";
import type { PublicProfile } from "../types";
import { FollowButton } from "./follow-button";

/** Only http(s) links become anchors (the API accepts no other scheme; this is a second guard). */
function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

interface ProfileViewProps {
  username: string;
  isAuthenticated: boolean;
  onSignInRequired: () => void;
  /** What app/ shows under the card (the reader's library, reviews, activity), given the profile. */
  children?: (profile: PublicProfile) => ReactNode;
}

export function ProfileView({ username, isAuthenticated, onSignInRequired, children }: ProfileViewProps) {
  const profile = useProfile(username);

  if (profile.isPending) return <InlineSpinner />;
  if (profile.isError) {
    if (apiErrorStatus(profile.error) === 404) return <NotFound />;
    return <LoadError onRetry={() => void profile.refetch()} />;
  }
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <ProfileCard profile={profile.data} isAuthenticated={isAuthenticated} onSignInRequired={onSignInRequired} />
      {children?.(profile.data)}
    </div>
  );
}

interface ProfileCardProps {
  profile: PublicProfile;
  isAuthenticated: boolean;
  onSignInRequired: () => void;
}

function ProfileCard({ profile, isAuthenticated, onSignInRequired }: ProfileCardProps) {
  const { t, i18n } = useTranslation();
  const block = useBlockUser();
  const { relationship } = profile;
  const website = safeHref(profile.website);
  const relationshipKey = JSON.stringify(relationship);

  return (
    <Card>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <UserAvatar username={profile.username} avatar={profile.avatar} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-bold break-words text-gray-900 sm:text-3xl" data-testid="profile-name">
            {profile.display_name || profile.username}
          </h1>
          <p className="text-gray-500">@{profile.username}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {relationship.followed_by ? <Badge color="gray">{t("profile.followsYou")}</Badge> : null}
            {profile.profile_visibility !== "public" ? (
              <Badge color="indigo">
                {profile.profile_visibility === "followers" ? t("profile.badgeFollowers") : t("profile.badgePrivate")}
              </Badge>
            ) : null}
          </div>
        </div>
        <div className="flex flex-col gap-2 sm:items-end">
          {relationship.is_self ? (
            <Button as={Link} to={paths.settings.profile.getHref()} color="light" size="sm">
              {t("profile.edit")}
            </Button>
          ) : (
            <FollowButton
              key={relationshipKey}
              username={profile.username}
              relationship={relationship}
              isAuthenticated={isAuthenticated}
              onSignInRequired={onSignInRequired}
            />
          )}
          {isAuthenticated && !relationship.is_self && !relationship.blocking ? (
            <Button
              color="alternative"
              size="xs"
              className="w-fit"
              disabled={block.isPending}
              onClick={() => {
                if (window.confirm(t("profile.blockConfirm", { username: profile.username }))) {
                  block.mutate(profile.username);
                }
              }}
            >
              {t("profile.block")}
            </Button>
          ) : null}
        </div>
      </div>

      {profile.can_view_profile ? (
        <>
          {profile.counts ? (
            <div className="flex gap-6 text-sm">
              <Link to={paths.profile.followers.getHref(profile.username)} className="hover:underline">
                <span className="font-semibold text-gray-900">{profile.counts.followers}</span>{" "}
                <span className="text-gray-600">{t("profile.followersCount")}</span>
              </Link>
              <Link to={paths.profile.following.getHref(profile.username)} className="hover:underline">
                <span className="font-semibold text-gray-900">{profile.counts.following}</span>{" "}
                <span className="text-gray-600">{t("profile.followingCount")}</span>
              </Link>
            </div>
          ) : null}
          {profile.bio ? (
            // Plain text on purpose: whitespace kept, never parsed as HTML.
            <p className="whitespace-pre-line break-words text-gray-800" data-testid="profile-bio">
              {profile.bio}
            </p>
          ) : null}
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            {profile.location ? (
              <div>
                <dt className="text-gray-500">{t("profile.location")}</dt>
                <dd className="text-gray-900">{profile.location}</dd>
              </div>
            ) : null}
            {website ? (
              <div className="min-w-0">
                <dt className="text-gray-500">{t("profile.website")}</dt>
                <dd className="truncate">
                  <a href={website} rel="nofollow noopener noreferrer ugc" target="_blank" className="text-blue-700 hover:underline">
                    {profile.website}
                  </a>
                </dd>
              </div>
            ) : null}
            {profile.date_joined ? (
              <div>
                <dt className="text-gray-500">{t("profile.joined")}</dt>
                <dd className="text-gray-900">
                  {new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "long" }).format(
                    new Date(profile.date_joined),
                  )}
                </dd>
              </div>
            ) : null}
          </dl>
          {profile.favourite_genres && profile.favourite_genres.length > 0 ? (
            <div>
              <h2 className="mb-2 text-sm font-medium text-gray-500">{t("profile.favouriteGenres")}</h2>
              <ul className="flex flex-wrap gap-2">
                {profile.favourite_genres.map((genre) => (
                  <li key={genre}>
                    <Badge color="info">{genre}</Badge>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : (
        <div className="rounded-lg bg-gray-50 p-4 text-gray-700" data-testid="profile-restricted">
          <p className="font-medium">
            {profile.profile_visibility === "followers" ? t("profile.followersOnly") : t("profile.private")}
          </p>
          {profile.profile_visibility === "followers" && !relationship.blocking ? (
            <p className="mt-1 text-sm text-gray-600">{t("profile.followToSee")}</p>
          ) : null}
        </div>
      )}
    </Card>
  );
}
