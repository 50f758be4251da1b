import type { ReactNode } from "react";
import { Link } from "react-router";

import { UserAvatar } from "@/components/ui/user-avatar";
import { paths } from "@/config/paths";

import type { UserSummary } from "../types";

interface UserListProps {
  users: UserSummary[];
  /** Buttons for one row (accept, remove, unblock...). */
  actions?: (user: UserSummary) => ReactNode;
  /** A line under the name (for example when a request was sent). */
  detail?: (user: UserSummary) => ReactNode;
  emptyText: string;
  label: string;
}

/** Readers in rows: avatar, name and @username linking to the profile, optional actions. */
export function UserList({ users, actions, detail, emptyText, label }: UserListProps) {
  if (users.length === 0) return <p className="py-6 text-gray-600">{emptyText}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {users.map((user) => (
        <li key={user.username} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between sm:p-4">
          <Link to={paths.profile.getHref(user.username)} className="flex min-w-0 items-center gap-3 hover:underline">
            <UserAvatar username={user.username} avatar={user.avatar} />
            <span className="min-w-0">
              <span className="block truncate font-medium text-gray-900">{user.display_name || user.username}</span>
              <span className="block truncate text-sm text-gray-500">@{user.username}</span>
              {detail ? <span className="block text-xs text-gray-500">{detail(user)}</span> : null}
            </span>
          </Link>
          {actions ? <div className="flex shrink-0 gap-2">{actions(user)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
