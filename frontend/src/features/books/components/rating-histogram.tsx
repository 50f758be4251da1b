import { useTranslation } from "react-i18next";

interface RatingHistogramProps {
  /** The API's `rating_histogram`: half stars to count, `{"5": 12, "4.5": 3}`. */
  histogram: unknown;
  average: string | null;
  count: number;
}

// Ratings are given in half stars: one row each, so that a 4.5 is neither a 4 nor a 5.
const STARS = [5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5] as const;

function countFor(histogram: unknown, stars: number): number {
  if (!histogram || typeof histogram !== "object") return 0;
  const value: unknown = (histogram as Record<string, unknown>)[String(stars)];
  return typeof value === "number" && value > 0 ? value : 0;
}

/** One bar per half-star rating, as wide as its share of the most common rating. */
export function RatingHistogram({ histogram, average, count }: RatingHistogramProps) {
  const { t, i18n } = useTranslation();
  const counts = STARS.map((stars) => ({ stars, count: countFor(histogram, stars) }));
  const highest = Math.max(1, ...counts.map((row) => row.count));
  return (
    <section aria-labelledby="ratings-heading">
      <h2 id="ratings-heading" className="text-lg font-semibold text-gray-900">
        {t("books.detail.ratings")}
      </h2>
      <p className="mt-1 text-sm text-gray-600">
        {average
          ? t("books.detail.averageRating", {
              average: Number(average).toLocaleString(i18n.language, { maximumFractionDigits: 2 }),
              count,
            })
          : t("books.detail.noRatings")}
      </p>
      <ul className="mt-3 flex flex-col gap-1.5" aria-label={t("books.detail.histogram")}>
        {counts.map((row) => (
          <li key={row.stars} className="flex items-center gap-2 text-sm" data-testid={`histogram-${row.stars}`}>
            <span className="w-24 shrink-0 whitespace-nowrap text-gray-700">{t("books.detail.stars", { count: row.stars, stars: row.stars.toLocaleString(i18n.language) })}</span>
            <span className="h-3 flex-1 overflow-hidden rounded bg-gray-100" aria-hidden="true">
              <span
                className="block h-full rounded bg-amber-400"
                style={{ width: `${(row.count / highest) * 100}%` }}
                data-testid="histogram-bar"
              />
            </span>
            <span className="w-10 shrink-0 text-end text-gray-700 tabular-nums">
              <span className="sr-only">{t("books.detail.ratingsCount", { count: row.count })}</span>
              <span aria-hidden="true">{row.count.toLocaleString(i18n.language)}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
