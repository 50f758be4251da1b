// The feed feature's public surface (the home page's activity feed), for app/ to compose.
export { feedKeys } from "./api/get-feed";
export { Feed } from "./components/feed";
export { ReaderActivity } from "./components/reader-activity";
