import type { ComponentProps } from "react";
import { Link } from "react-router";

/**
 * A client-side link that takes `href` like an anchor, for Flowbite components
 * whose `as` prop passes `href` rather than React Router's `to`.
 */
export function RouterLink({ href, ref, ...rest }: ComponentProps<"a">) {
  return <Link ref={ref} to={href ?? "/"} {...rest} />;
}
