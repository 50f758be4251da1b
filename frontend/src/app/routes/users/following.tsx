import { FollowListPage } from "./follow-list-page";

export default function FollowingRoute() {
  return <FollowListPage kind="following" />;
}
