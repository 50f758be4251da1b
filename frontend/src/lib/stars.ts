/** A number of stars as a reader says it in `language`: "4.5", "4,5", "4.25". */
export function formatStars(value: number, language: string): string {
  return value.toLocaleString(language, { maximumFractionDigits: 2 });
}
