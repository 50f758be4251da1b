import type { components } from "@/types/api.gen";

type Schemas = components["schemas"];

/** The signed-in reader as `GET /auth/me/` returns it. */
export type Account = Schemas["Account"];
export type AccessToken = Schemas["AccessToken"];
export type LoginCredentials = Schemas["TokenObtainRequest"];
export type RegistrationInput = Schemas["RegistrationRequest"];
export type PasswordResetInput = Schemas["PasswordResetRequest"];
export type PasswordResetConfirmInput = Schemas["PasswordResetConfirmRequest"];
export type PasswordChangeInput = Schemas["PasswordChangeRequest"];
export type EmailChangeInput = Schemas["EmailChangeRequest"];

export type AuthStatus = "unknown" | "authenticated" | "anonymous";
