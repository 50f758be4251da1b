/** An edition's publication date as the API stores it: a year, a year and month, or a full date. */
export interface PublicationDate {
  publication_year: number | null;
  publication_month: number | null;
  publication_day: number | null;
}

// The API's bounds for a year (FIRST_PUBLISHED_YEAR_MIN/MAX in the books package).
const FIRST_YEAR = 1;
const LAST_YEAR = 2100;

export const NO_PUBLICATION_DATE: PublicationDate = {
  publication_year: null,
  publication_month: null,
  publication_day: null,
};

/**
 * The parts of "1990", "1990-05" or "1990-05-17" (the API's `publication_date` shapes; one-digit
 * months and days allowed); `NO_PUBLICATION_DATE` for ""; null for anything else, a month past 12
 * or a day past 31 included. Whether the day exists in its month is `dayExists`'s business.
 */
export function parsePublicationDate(text: string): PublicationDate | null {
  const value = text.trim();
  if (value === "") return NO_PUBLICATION_DATE;
  const match = /^(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = {
    publication_year: Number(year),
    publication_month: month === undefined ? null : Number(month),
    publication_day: day === undefined ? null : Number(day),
  };
  if (date.publication_year < FIRST_YEAR || date.publication_year > LAST_YEAR) return null;
  if (date.publication_month !== null && (date.publication_month < 1 || date.publication_month > 12)) return null;
  if (date.publication_day !== null && (date.publication_day < 1 || date.publication_day > 31)) return null;
  return date;
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** Whether a full date's day exists in its month (30 February does not); true for partial dates. */
export function dayExists({ publication_year, publication_month, publication_day }: PublicationDate): boolean {
  if (publication_year === null || publication_month === null || publication_day === null) return true;
  return publication_day <= daysInMonth(publication_year, publication_month);
}
