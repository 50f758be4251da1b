import { useParams } from "react-router";

/** The route's `:id` as a number (NaN when it is not one: the page shows "not found"). */
export function useIdParam(): number {
  const { id = "" } = useParams();
  return /^\d+$/.test(id) ? Number(id) : Number.NaN;
}
