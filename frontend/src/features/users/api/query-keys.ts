/** Everything this feature caches lives under "users", so a follow-graph change can refresh it at once. */
export const usersKeys = {
  all: ["users"] as const,
  profile: (username: string) => ["users", "profile", username.toLowerCase()] as const,
  followList: (username: string, kind: "followers" | "following", page: number) =>
    ["users", "follow-list", username.toLowerCase(), kind, page] as const,
  search: (query: string, page: number) => ["users", "search", query, page] as const,
  requests: (direction: "incoming" | "outgoing", page: number) => ["users", "requests", direction, page] as const,
  blocks: (page: number) => ["users", "blocks", page] as const,
};
