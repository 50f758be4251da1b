import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { meQueryKey } from "@/lib/query-keys";

import type { FollowResult } from "../types";
import { usersKeys } from "./query-keys";

const userPath = (username: string) => `/users/${encodeURIComponent(username)}`;

/** POST /users/{username}/follow/: "following" at once, or "requested" when they approve followers. */
export async function followUser(username: string): Promise<FollowResult> {
  const response = await api.post<FollowResult>(`${userPath(username)}/follow/`);
  return response.data;
}

/** DELETE /users/{username}/follow/: unfollow, or withdraw a pending request. */
export async function unfollowUser(username: string): Promise<void> {
  await api.delete(`${userPath(username)}/follow/`);
}

/** DELETE /users/{username}/follower/: stop `username` from following me. */
export async function removeFollower(username: string): Promise<void> {
  await api.delete(`${userPath(username)}/follower/`);
}

/** POST /users/{username}/block/ (also ends follows and requests both ways). */
export async function blockUser(username: string): Promise<void> {
  await api.post(`${userPath(username)}/block/`);
}

/** DELETE /users/{username}/block/. */
export async function unblockUser(username: string): Promise<void> {
  await api.delete(`${userPath(username)}/block/`);
}

/** A follow-graph change: every cached profile, list and count may have changed. */
function useGraphMutation<T>(mutationFn: (username: string) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.all }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}

export const useFollowUser = () => useGraphMutation(followUser);
export const useUnfollowUser = () => useGraphMutation(unfollowUser);
export const useRemoveFollower = () => useGraphMutation(removeFollower);
export const useBlockUser = () => useGraphMutation(blockUser);
export const useUnblockUser = () => useGraphMutation(unblockUser);
