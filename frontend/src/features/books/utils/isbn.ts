/** The digits (and a final X) of what a reader typed, when it looks like an ISBN; else null. */
function isbnCharacters(text: string): string | null {
  const compact = text
    .trim()
    .replace(/^isbn(?:-1[03])?:?/i, "")
    .replace(/[\s-]/g, "")
    .toUpperCase();
  return /^(\d{9}[\dX]|\d{13})$/.test(compact) ? compact : null;
}

function isValidIsbn10(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const char = isbn[i] ?? "";
    const value = char === "X" ? 10 : Number(char);
    if (char === "X" && i !== 9) return false;
    sum += value * (10 - i);
  }
  return sum % 11 === 0;
}

function isValidIsbn13(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i += 1) sum += Number(isbn[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/** The ISBN in `text` (hyphens, spaces, an "ISBN" prefix allowed) if its check digit is right, else null. */
export function parseIsbn(text: string): string | null {
  const isbn = isbnCharacters(text);
  if (!isbn) return null;
  const valid = isbn.length === 10 ? isValidIsbn10(isbn) : isValidIsbn13(isbn);
  return valid ? isbn : null;
}

/** Whether `text` is shaped like an ISBN (10 or 13 digits), whatever its check digit. */
export function looksLikeIsbn(text: string): boolean {
  return isbnCharacters(text) !== null;
}
