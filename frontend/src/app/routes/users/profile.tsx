import { useLocation, useNavigate, useParams } from "react-router";

import { paths } from "@/config/paths";
import { selectIsAuthenticated, useAuthStore } from "@/features/auth";
import { ProfileView } from "@/features/users";

export default function ProfileRoute() {
  const { username = "" } = useParams();
  const isAuthenticated = useAuthStore(selectIsAuthenticated);
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <ProfileView
      key={username}
      username={username}
      isAuthenticated={isAuthenticated}
      onSignInRequired={() => void navigate(paths.auth.login.getHref(location.pathname))}
    />
  );
}
