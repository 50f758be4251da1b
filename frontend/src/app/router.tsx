import { type ComponentType } from "react";
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";

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
      { path: paths.passwordReset.request.path, lazy: lazyPage(() => import("./routes/auth/forgot-password")) },
      { path: paths.passwordReset.confirm.path, lazy: lazyPage(() => import("./routes/auth/reset-password")) },
      { path: paths.confirmEmail.path, lazy: lazyPage(() => import("./routes/auth/confirm-email")) },
      { path: paths.profile.path, lazy: lazyPage(() => import("./routes/users/profile")) },
      { path: paths.profile.followers.path, lazy: lazyPage(() => import("./routes/users/followers")) },
      { path: paths.profile.following.path, lazy: lazyPage(() => import("./routes/users/following")) },
      { path: paths.books.list.path, lazy: lazyPage(() => import("./routes/books/search")) },
      { path: paths.books.detail.path, lazy: lazyPage(() => import("./routes/books/book")) },
      { path: paths.books.history.path, lazy: lazyPage(() => import("./routes/books/history")) },
      { path: paths.authors.detail.path, lazy: lazyPage(() => import("./routes/books/author")) },
      { path: paths.series.detail.path, lazy: lazyPage(() => import("./routes/books/series")) },
      { path: paths.subjects.path, lazy: lazyPage(() => import("./routes/books/subjects")) },
      {
        element: <ProtectedRoute />,
        children: [
          { path: paths.account.path, lazy: lazyPage(() => import("./routes/account")) },
          { path: paths.library.path, lazy: lazyPage(() => import("./routes/library")) },
          { path: paths.books.new.path, lazy: lazyPage(() => import("./routes/books/new-book")) },
          { path: paths.books.edit.path, lazy: lazyPage(() => import("./routes/books/edit-book")) },
          { path: paths.books.newEdition.path, lazy: lazyPage(() => import("./routes/books/new-edition")) },
          { path: paths.editions.edit.path, lazy: lazyPage(() => import("./routes/books/edit-edition")) },
          { path: paths.people.path, lazy: lazyPage(() => import("./routes/users/people")) },
          { path: paths.followRequests.path, lazy: lazyPage(() => import("./routes/users/follow-requests")) },
          {
            path: paths.settings.path,
            lazy: lazyPage(() => import("./routes/settings/settings-layout")),
            children: [
              { index: true, element: <Navigate to={paths.settings.profile.getHref()} replace /> },
              { path: paths.settings.profile.path, lazy: lazyPage(() => import("./routes/settings/profile")) },
              { path: paths.settings.privacy.path, lazy: lazyPage(() => import("./routes/settings/privacy")) },
              { path: paths.settings.account.path, lazy: lazyPage(() => import("./routes/settings/account")) },
              { path: paths.settings.blocks.path, lazy: lazyPage(() => import("./routes/settings/blocks")) },
              { path: paths.settings.data.path, lazy: lazyPage(() => import("./routes/settings/data")) },
            ],
          },
        ],
      },
      { path: "*", lazy: lazyPage(() => import("./routes/not-found")) },
    ],
  },
];

export const createAppRouter = () => createBrowserRouter(routes);
