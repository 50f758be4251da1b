import type { ReactNode } from "react";

import { InlineSpinner, LoadError } from "@/components/ui/query-status";
import { useMyProfile, type Me } from "@/features/users";

/** Renders `children(me)` once the signed-in reader's profile has loaded. */
export function WithMyProfile({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMyProfile();
  if (me.isPending) return <InlineSpinner />;
  if (me.isError) return <LoadError onRetry={() => void me.refetch()} />;
  return children(me.data);
}
