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
  passwordReset: {
    request: { path: "/forgot-password", getHref: () => "/forgot-password" },
    confirm: {
      path: "/reset-password/:uid/:token",
      getHref: (uid: string, token: string) =>
        `/reset-password/${encodeURIComponent(uid)}/${encodeURIComponent(token)}`,
    },
  },
  confirmEmail: {
    path: "/confirm-email/:token",
    getHref: (token: string) => `/confirm-email/${encodeURIComponent(token)}`,
  },
  profile: {
    path: "/u/:username",
    getHref: (username: string) => `/u/${encodeURIComponent(username)}`,
    followers: {
      path: "/u/:username/followers",
      getHref: (username: string, page?: number) => withPage(`/u/${encodeURIComponent(username)}/followers`, page),
    },
    following: {
      path: "/u/:username/following",
      getHref: (username: string, page?: number) => withPage(`/u/${encodeURIComponent(username)}/following`, page),
    },
  },
  people: {
    path: "/people",
    getHref: () => "/people",
  },
  followRequests: {
    path: "/requests",
    getHref: (direction?: "incoming" | "outgoing") => (direction === "outgoing" ? "/requests?direction=outgoing" : "/requests"),
  },
  settings: {
    path: "/settings",
    getHref: () => "/settings",
    profile: { path: "/settings/profile", getHref: () => "/settings/profile" },
    privacy: { path: "/settings/privacy", getHref: () => "/settings/privacy" },
    account: { path: "/settings/account", getHref: () => "/settings/account" },
    blocks: { path: "/settings/blocks", getHref: () => "/settings/blocks" },
    data: { path: "/settings/data", getHref: () => "/settings/data" },
  },
  books: {
    list: {
      path: "/books",
      /** The search results page; `params` are the URL's filters (q, subject, author, ordering...). */
      getHref: (params?: Record<string, string | number | undefined>) => withQuery("/books", params),
    },
    new: { path: "/books/new", getHref: () => "/books/new" },
    detail: { path: "/books/:id", getHref: (id: number | string) => `/books/${encodeURIComponent(id)}` },
    edit: { path: "/books/:id/edit", getHref: (id: number | string) => `/books/${encodeURIComponent(id)}/edit` },
    history: {
      path: "/books/:id/history",
      getHref: (id: number | string) => `/books/${encodeURIComponent(id)}/history`,
    },
    /** Add an edition to the book `id`. */
    newEdition: {
      path: "/books/:id/editions/new",
      getHref: (id: number | string) => `/books/${encodeURIComponent(id)}/editions/new`,
    },
  },
  editions: {
    edit: { path: "/editions/:id/edit", getHref: (id: number | string) => `/editions/${encodeURIComponent(id)}/edit` },
  },
  authors: {
    detail: { path: "/authors/:id", getHref: (id: number | string) => `/authors/${encodeURIComponent(id)}` },
  },
  series: {
    detail: { path: "/series/:id", getHref: (id: number | string) => `/series/${encodeURIComponent(id)}` },
  },
  subjects: {
    path: "/subjects",
    getHref: () => "/subjects",
  },
  library: {
    path: "/library",
    /** The reader's library; `params` are the URL's filters, sort order, page and view. */
    getHref: (params?: Record<string, string | number | undefined>) => withQuery("/library", params),
  },
} as const;

function withQuery(path: string, params?: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function withPage(path: string, page?: number): string {
  return page && page > 1 ? `${path}?page=${page}` : path;
}

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
