// The users feature's public surface (profiles, the follow graph, people search), for app/ to compose.
export { useMyProfile } from "./api/get-my-profile";
export { AvatarEditor } from "./components/avatar-editor";
export { BlocksList } from "./components/blocks-list";
export { EditProfileForm } from "./components/edit-profile-form";
export { FollowList } from "./components/follow-list";
export { FollowRequestsView } from "./components/follow-requests-view";
export { PeopleSearch } from "./components/people-search";
export { PrivacyForm } from "./components/privacy-form";
export { ProfileView } from "./components/profile-view";
export type { Me } from "./types";
