import { QueryClient, type DefaultOptions } from "@tanstack/react-query";
import { isAxiosError } from "axios";

export const queryConfig = {
  queries: {
    refetchOnWindowFocus: false,
    staleTime: 60_000,
    retry: (failureCount, error) => {
      // Client errors will not go away by asking again.
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (status && status >= 400 && status < 500) return false;
      return failureCount < 2;
    },
  },
} satisfies DefaultOptions;

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: queryConfig });
}
