import type { components } from "@/types/api.gen";

type Schemas = components["schemas"];

export type Audience = Schemas["AudienceEnum"];
export type Avatar = Schemas["AvatarUrls"];

/** The signed-in reader as `GET/PATCH /auth/me/` returns it. */
export type Me = Schemas["Me"];
export type ProfileUpdate = Schemas["PatchedProfileUpdateRequest"];

/** Another reader (or myself) as `GET /users/{username}/` shows them to the viewer. */
export type PublicProfile = Schemas["Reader"];
export type Relationship = Schemas["Relationship"];
export type UserSummary = Schemas["ReaderCard"];
export type BlockedReader = Schemas["BlockedReader"];
export type FollowRequest = Schemas["FollowRequest"];
export type FollowResult = Schemas["FollowStatus"];

export type PaginatedUsers = Schemas["PaginatedReaderCardList"];
export type PaginatedFollowList = Schemas["PaginatedFollowListItemList"];
export type PaginatedFollowRequests = Schemas["PaginatedFollowRequestList"];
export type PaginatedBlocks = Schemas["PaginatedBlockedReaderList"];

/** What the avatar upload sends: the file as chosen and the cropped square in its pixels. */
export interface AvatarUpload {
  file: Blob;
  crop: { x: number; y: number; size: number } | null;
}
