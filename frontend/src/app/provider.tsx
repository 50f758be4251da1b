import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

import { PageSpinner } from "@/components/ui/page-spinner";
import { authBridge, useAuthStore, useSessionBootstrap } from "@/features/auth";
import { configureAuth } from "@/lib/api-client";
import { createQueryClient } from "@/lib/query-client";

configureAuth(authBridge);

/** Holds everything until the start-up session refresh has settled, so nothing flashes "logged out". */
function SessionGate({ children }: { children: ReactNode }) {
  const status = useSessionBootstrap();
  return status === "unknown" ? <PageSpinner /> : children;
}

/** Drops cached server data of a reader whose session ended (logout or failed refresh). */
function useClearCacheOnSignOut(queryClient: QueryClient) {
  useEffect(
    () =>
      useAuthStore.subscribe((state, previous) => {
        if (previous.status === "authenticated" && state.status !== "authenticated") {
          queryClient.clear();
        }
      }),
    [queryClient],
  );
}

interface AppProviderProps {
  children: ReactNode;
  queryClient?: QueryClient;
}

export function AppProvider({ children, queryClient: givenClient }: AppProviderProps) {
  const [queryClient] = useState(() => givenClient ?? createQueryClient());
  useClearCacheOnSignOut(queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionGate>{children}</SessionGate>
    </QueryClientProvider>
  );
}
