interface UserAvatarProps {
  username: string;
  /** The avatar's image URLs, or null for the initial-letter placeholder. */
  avatar: { small: string; large: string } | null | undefined;
  size?: "sm" | "md" | "lg";
}

const SIZES = {
  sm: "h-10 w-10 text-base",
  md: "h-16 w-16 text-2xl",
  lg: "h-24 w-24 text-4xl sm:h-32 sm:w-32 sm:text-5xl",
} as const;

/** A reader's round avatar; the 64 px image for small sizes, the 256 px one for large. */
export function UserAvatar({ username, avatar, size = "sm" }: UserAvatarProps) {
  const className = `${SIZES[size]} shrink-0 rounded-full`;
  if (avatar) {
    return (
      <img
        src={size === "sm" ? avatar.small : avatar.large}
        alt=""
        className={`${className} bg-gray-100 object-cover`}
        data-testid="user-avatar-image"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={`${className} flex items-center justify-center bg-blue-100 font-semibold text-blue-800 uppercase`}
    >
      {username.slice(0, 1) || "?"}
    </span>
  );
}
