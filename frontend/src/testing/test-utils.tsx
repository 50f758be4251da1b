import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";

import { AppProvider } from "@/app/provider";
import { routes } from "@/app/router";
import { createQueryClient } from "@/lib/query-client";

/** Render the whole app (real routes, providers and session start-up) at `path`. */
export function renderApp(path = "/") {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const user = userEvent.setup();
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, user, queryClient };
}

/**
 * Flowbite puts role="menuitem" on the <li>; the clickable element is the button or
 * link inside it, which is what a real pointer hits.
 */
export async function chooseMenuItem(user: ReturnType<typeof userEvent.setup>, name: string) {
  const item = await screen.findByRole("menuitem", { name });
  const target = item.querySelector("button, a");
  if (!target) throw new Error(`menu item "${name}" has nothing to click`);
  await user.click(target);
}
