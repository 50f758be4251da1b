import { setupServer } from "msw/node";

import { readingDefaults } from "./reading";

/**
 * The fake API for unit tests; each test adds the handlers it needs with `server.use()`.
 * The reading endpoints that pages load on the side answer empty unless a test says otherwise.
 */
export const server = setupServer(...readingDefaults);
