import type { components } from "@/types/api.gen";

type Schemas = components["schemas"];

/** One item of the feed: what a reader did, with the book, rating, review excerpt... to draw it. */
export type FeedItem = Schemas["Activity"];
export type ActivityVerb = Schemas["VerbEnum"];
export type FeedBook = Schemas["FeedBook"];
export type UserRef = Schemas["FeedUser"];
/** A page of `GET feed/`: cursor pagination, follow `next`. */
export type FeedPage = Schemas["PaginatedActivityList"];
