import type { Area } from "react-easy-crop";

export const AVATAR_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** The square the reader chose, in the image's own pixels (what the API's crop_* fields take). */
export function toCropBox(area: Area): { x: number; y: number; size: number } {
  return {
    x: Math.max(0, Math.round(area.x)),
    y: Math.max(0, Math.round(area.y)),
    size: Math.max(1, Math.round(Math.min(area.width, area.height))),
  };
}
