/** Every route of the SPA, declared once. Links use `getHref()`, the router uses `path`. */

function withRedirect(path: string, redirectTo?: string | null): string {
  return redirectTo ? `${path}?redirectTo=${encodeURIComponent(redirectTo)}` : path;
}

export const paths = {
  home: {
    path: "/",
    getHref: () => "/",
  },
  auth: {
    login: {
      path: "/login",
      getHref: (redirectTo?: string | null) => withRedirect("/login", redirectTo),
    },
    register: {
      path: "/register",
      getHref: (redirectTo?: string | null) => withRedirect("/register", redirectTo),
    },
  },
  account: {
    path: "/me",
    getHref: () => "/me",
  },
} as const;

/**
 * The in-app path to go to after signing in. Only same-site absolute paths are
 * accepted so that `?redirectTo=` cannot send a reader to another site.
 */
export function safeRedirectTarget(redirectTo: string | null | undefined): string {
  if (!redirectTo || !redirectTo.startsWith("/") || redirectTo.startsWith("//") || redirectTo.startsWith("/\\")) {
    return paths.home.getHref();
  }
  return redirectTo;
}
