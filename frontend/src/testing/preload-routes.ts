/**
 * Load the lazy route modules of the reading pages (book, library, home) ahead of a test file's
 * tests, so that the first test does not spend its wait on compiling them.
 */
export async function preloadReadingRoutes(): Promise<void> {
  await Promise.all([import("@/app/routes/books/book"), import("@/app/routes/library"), import("@/app/routes/home")]);
}
