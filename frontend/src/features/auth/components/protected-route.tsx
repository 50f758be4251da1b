import { Navigate, Outlet, useLocation } from "react-router";

import { paths } from "@/config/paths";

import { useAuthStore } from "../stores/auth-store";

/** Renders its child routes for a signed-in reader; sends anyone else to login and back afterwards. */
export function ProtectedRoute() {
  const status = useAuthStore((state) => state.status);
  const leftOnPurpose = useAuthStore((state) => state.leftOnPurpose);
  const location = useLocation();

  if (status !== "authenticated" && leftOnPurpose) return <Navigate to={paths.home.getHref()} replace />;
  if (status !== "authenticated") {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={paths.auth.login.getHref(here)} replace />;
  }
  return <Outlet />;
}
