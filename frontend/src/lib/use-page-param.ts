import { useSearchParams } from "react-router";

/** The `?page=` of the current URL (1 when missing or invalid), and a setter that keeps other params. */
export function usePageParam(): [number, (page: number) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const parsed = Number.parseInt(searchParams.get("page") ?? "1", 10);
  const page = Number.isFinite(parsed) && parsed > 0 ? parsed : 1;
  const setPage = (next: number) =>
    setSearchParams((previous) => {
      const params = new URLSearchParams(previous);
      if (next > 1) params.set("page", String(next));
      else params.delete("page");
      return params;
    });
  return [page, setPage];
}
