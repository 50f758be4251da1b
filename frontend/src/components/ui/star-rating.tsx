import { useTranslation } from "react-i18next";

import { formatStars } from "@/lib/stars";

const STAR_PATH = "M10 1.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L10 14.8l-5.2 2.8 1-5.8L1.5 7.7l5.9-.8z";

/** One star, filled from the start edge by `fill` (0 to 1): quarter and half ratings show as parts. */
export function Star({ fill, className = "h-5 w-5" }: { fill: number; className?: string }) {
  const share = Math.max(0, Math.min(1, fill));
  return (
    <span className={`relative inline-block shrink-0 ${className}`} aria-hidden="true">
      <svg viewBox="0 0 20 20" className="absolute inset-0 h-full w-full text-gray-300" fill="currentColor">
        <path d={STAR_PATH} />
      </svg>
      <span className="absolute inset-y-0 start-0 overflow-hidden" style={{ width: `${share * 100}%` }}>
        <svg viewBox="0 0 20 20" className={`h-full text-amber-400 ${className}`} fill="currentColor">
          <path d={STAR_PATH} />
        </svg>
      </span>
    </span>
  );
}

interface StarRatingProps {
  /** 0.25 to 5 stars (quarter stars come from imports). */
  value: number;
  size?: "sm" | "md";
}

/** A rating drawn as five stars, spoken as "4.5 out of 5 stars". */
export function StarRating({ value, size = "sm" }: StarRatingProps) {
  const { t, i18n } = useTranslation();
  const starClass = size === "sm" ? "h-4 w-4" : "h-5 w-5";
  return (
    <span className="inline-flex items-center" role="img" aria-label={t("rating.outOfFive", { value: formatStars(value, i18n.language) })}>
      {[0, 1, 2, 3, 4].map((index) => (
        <Star key={index} fill={value - index} className={starClass} />
      ))}
    </span>
  );
}
