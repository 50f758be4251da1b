import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { components } from "@/types/api.gen";

import type { Comment, CommentWrite, PaginatedComments } from "../types";
import { reviewsKeys } from "./query-keys";

const COMMENTS_PAGE_SIZE = 50;

type CommentEdit = components["schemas"]["PatchedCommentUpdateRequest"];

/** GET reviews/{id}/comments/: the thread as a flat list in thread order (each with its parent and depth). */
export async function getComments(reviewId: number, page: number, signal?: AbortSignal): Promise<PaginatedComments> {
  const response = await api.get<PaginatedComments>(`/reviews/${reviewId}/comments/`, {
    params: { page, page_size: COMMENTS_PAGE_SIZE },
    signal,
  });
  return response.data;
}

export function useReviewComments(reviewId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: reviewsKeys.comments(reviewId),
    queryFn: ({ pageParam, signal }) => getComments(reviewId, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last, _all, lastPage) => (last.next ? lastPage + 1 : undefined),
    enabled,
  });
}

/** POST reviews/{id}/comments/: a comment, or a reply when `parent` is set. */
export async function createComment(reviewId: number, body: CommentWrite): Promise<Comment> {
  const response = await api.post<Comment>(`/reviews/${reviewId}/comments/`, body);
  return response.data;
}

/** DELETE comments/{id}/ (one with replies keeps its place, its text removed). */
export async function deleteComment(id: number): Promise<void> {
  await api.delete(`/comments/${id}/`);
}

function useCommentMutation<TInput, TResult>(reviewId: number, bookId: number, mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewsKeys.comments(reviewId) }),
        // The review's comment count changes too.
        queryClient.invalidateQueries({ queryKey: reviewsKeys.bookLists(bookId) }),
      ]),
  });
}

export const useCreateComment = (reviewId: number, bookId: number) =>
  useCommentMutation(reviewId, bookId, (body: CommentWrite) => createComment(reviewId, body));
export const useDeleteComment = (reviewId: number, bookId: number) =>
  useCommentMutation(reviewId, bookId, (id: number) => deleteComment(id));

/** PATCH comments/{id}/: its author changes its text. */
export async function editComment(id: number, body: string): Promise<Comment> {
  const edit: CommentEdit = { body };
  const response = await api.patch<Comment>(`/comments/${id}/`, edit);
  return response.data;
}

/** Edit a comment: the thread shows the new text at once, then refetches. */
export function useEditComment(reviewId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: string }) => editComment(id, body),
    onSuccess: (edited) =>
      queryClient.setQueryData<InfiniteData<PaginatedComments>>(reviewsKeys.comments(reviewId), (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                results: page.results.map((comment) => (comment.id === edited.id ? edited : comment)),
              })),
            }
          : data,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewsKeys.comments(reviewId) }),
  });
}
