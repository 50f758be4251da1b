import type { components, operations } from "@/types/api.gen";

type Schemas = components["schemas"];

export type Review = Schemas["Review"];
export type ReviewWrite = Schemas["ReviewWriteRequest"];
export type ReviewExists = Schemas["ReviewExistsResponse"];
export type ReviewFormat = Schemas["BodyFormatEnum"];
export type Audience = Schemas["AudienceEnum"];
export type UserRef = Schemas["ReviewUser"];
export type Comment = Schemas["Comment"];
export type CommentWrite = Schemas["CommentWriteRequest"];
export type ReportReason = Schemas["ReasonEnum"];
export type ReportWrite = Schemas["ReportWriteRequest"];
export type Like = Schemas["Like"];
export type PaginatedReviews = Schemas["PaginatedReviewList"];
export type PaginatedComments = Schemas["PaginatedCommentList"];
export type ReviewOrdering = NonNullable<NonNullable<operations["books_reviews_list"]["parameters"]["query"]>["ordering"]>;

export const REVIEW_FORMATS = ["plain", "markdown"] as const satisfies readonly ReviewFormat[];
export const AUDIENCES = ["public", "followers", "private"] as const satisfies readonly Audience[];
/** How the book page sorts reviews; the first is the API's default. */
export const REVIEW_ORDERINGS = ["newest", "liked"] as const satisfies readonly ReviewOrdering[];
export const REPORT_REASONS = ["spam", "harassment", "spoiler", "inappropriate", "other"] as const satisfies readonly ReportReason[];

// The API's limits, checked before sending.
export const CONTENT_WARNINGS_MAX_COUNT = 10;
export const CONTENT_WARNING_MAX_LENGTH = 50;
export const REVIEW_TITLE_MAX_LENGTH = 200;
export const REVIEW_BODY_MAX_LENGTH = 20_000;
export const COMMENT_BODY_MAX_LENGTH = 5_000;
