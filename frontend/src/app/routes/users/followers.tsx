import { FollowListPage } from "./follow-list-page";

export default function FollowersRoute() {
  return <FollowListPage kind="followers" />;
}
