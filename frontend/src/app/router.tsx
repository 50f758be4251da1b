import { type ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";

import { AppError } from "@/components/errors/app-error";
import { PageSpinner } from "@/components/ui/page-spinner";
import { paths } from "@/config/paths";
import { ProtectedRoute } from "@/features/auth";

import { AppRoot } from "./routes/app-root";

type RouteModule = { default: ComponentType };

/** Route modules are loaded on first visit; each exports its page as default. */
const lazyPage = (load: () => Promise<RouteModule>) => async () => ({ Component: (await load()).default });

export const routes: RouteObject[] = [
  {
    path: paths.home.path,
    element: <AppRoot />,
    errorElement: <AppError />,
    hydrateFallbackElement: <PageSpinner />,
    children: [
      { index: true, lazy: lazyPage(() => import("./routes/home")) },
      { path: paths.auth.login.path, lazy: lazyPage(() => import("./routes/auth/login")) },
      { path: paths.auth.register.path, lazy: lazyPage(() => import("./routes/auth/register")) },
      {
        element: <ProtectedRoute />,
        children: [{ path: paths.account.path, lazy: lazyPage(() => import("./routes/account")) }],
      },
      { path: "*", lazy: lazyPage(() => import("./routes/not-found")) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
