import { useState, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";

import { formatStars } from "@/lib/stars";

import { Star } from "./star-rating";

export const RATING_MIN = 0.5;
export const RATING_MAX = 5;
const STEP = 0.5;

/** The half-star at or above `value` (the API stores quarter stars from imports; readers pick halves). */
function toHalfStars(value: number): number {
  return Math.min(RATING_MAX, Math.max(RATING_MIN, Math.ceil(value / STEP) * STEP));
}

interface StarRatingInputProps {
  /** 0.5 to 5 in half stars, or null for "not rated" (distinct from any rating). */
  value: number | null;
  onChange: (value: number | null) => void;
  label: string;
  id?: string;
  disabled?: boolean;
  "aria-describedby"?: string;
}

/**
 * Five stars to pick a rating in half stars: a click on a star's start half gives x.5, on its end half
 * a whole star. It is one slider for the keyboard: arrows move by half a star, Home and End go to the
 * ends, digits 1-5 pick whole stars, Delete or Backspace clears the rating.
 */
export function StarRatingInput({ value, onChange, label, id, disabled = false, ...rest }: StarRatingInputProps) {
  const { t, i18n } = useTranslation();
  const [hovered, setHovered] = useState<number | null>(null);
  const shown = hovered ?? value ?? 0;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (disabled) return;
    const current = value ?? 0;
    let next: number | null | undefined;
    switch (event.key) {
      case "ArrowRight":
      case "ArrowUp":
        next = Math.min(RATING_MAX, current + STEP);
        break;
      case "ArrowLeft":
      case "ArrowDown":
        next = current - STEP < RATING_MIN ? null : current - STEP;
        break;
      case "Home":
        next = RATING_MIN;
        break;
      case "End":
        next = RATING_MAX;
        break;
      case "Delete":
      case "Backspace":
      case "0":
        next = null;
        break;
      default:
        if (/^[1-5]$/.test(event.key)) next = Number(event.key);
    }
    if (next === undefined) return;
    event.preventDefault();
    if (next !== value) onChange(next);
  };

  const starValueAt = (event: MouseEvent<HTMLSpanElement>, index: number): number => {
    const rect = event.currentTarget.getBoundingClientRect();
    const fromStart = document.documentElement.dir === "rtl" ? rect.right - event.clientX : event.clientX - rect.left;
    return index + (rect.width > 0 && fromStart < rect.width / 2 ? STEP : 1);
  };

  const valueText = value === null ? t("rating.none") : t("rating.outOfFive", { value: formatStars(value, i18n.language) });

  return (
    <div className="inline-flex items-center gap-2">
      <div
        id={id}
        role="slider"
        tabIndex={disabled ? -1 : 0}
        aria-label={label}
        aria-valuemin={RATING_MIN}
        aria-valuemax={RATING_MAX}
        aria-valuenow={value ?? undefined}
        aria-valuetext={valueText}
        aria-disabled={disabled || undefined}
        aria-describedby={rest["aria-describedby"]}
        onKeyDown={onKeyDown}
        onMouseLeave={() => setHovered(null)}
        className={`inline-flex rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${disabled ? "opacity-50" : "cursor-pointer"}`}
        data-testid="star-rating-input"
      >
        {[0, 1, 2, 3, 4].map((index) => (
          <span
            key={index}
            className="p-0.5"
            data-testid={`star-${index + 1}`}
            onMouseMove={(event) => !disabled && setHovered(starValueAt(event, index))}
            onClick={(event) => {
              if (disabled) return;
              const picked = toHalfStars(starValueAt(event, index));
              if (picked !== value) onChange(picked);
            }}
          >
            <Star fill={shown - index} className="h-7 w-7" />
          </span>
        ))}
      </div>
      {value !== null && !disabled ? (
        <button
          type="button"
          className="rounded px-1 text-sm text-gray-600 underline hover:text-gray-900"
          onClick={() => onChange(null)}
        >
          {t("rating.clear")}
        </button>
      ) : null}
    </div>
  );
}
