import { useLocation, useNavigate, useParams } from "react-router";

import { paths } from "@/config/paths";
import { selectIsAuthenticated, useAuthStore, useMe } from "@/features/auth";
import { ProfileView } from "@/features/users";

import { ProfileReading } from "./profile-reading";

export default function ProfileRoute() {
  const { username = "" } = useParams();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const viewer = isAuthenticated && me.data ? { id: me.data.id, username: me.data.username } : null;
  return (
    <ProfileView
      key={username}
      username={username}
      isAuthenticated={isAuthenticated}
      onSignInRequired={() => void navigate(paths.auth.login.getHref(location.pathname))}
    >
      {(profile) => <ProfileReading profile={profile} viewer={viewer} />}
    </ProfileView>
  );
}
