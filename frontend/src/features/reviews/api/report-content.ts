import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

import type { ReportWrite } from "../types";

export type ReportTarget = { kind: "review" | "comment"; id: number };

/** POST reviews/{id}/report/ or comments/{id}/report/: tell staff about it. */
export async function reportContent({ kind, id }: ReportTarget, body: ReportWrite): Promise<void> {
  await api.post(`/${kind === "review" ? "reviews" : "comments"}/${id}/report/`, body);
}

export function useReportContent() {
  return useMutation({
    mutationFn: ({ target, body }: { target: ReportTarget; body: ReportWrite }) => reportContent(target, body),
  });
}
