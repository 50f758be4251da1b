/** A valid ISBN-13 nobody has used on this server: 978 + nine random digits + the check digit. */
export function randomIsbn13(): string {
  const digits = [9, 7, 8, ...Array.from({ length: 9 }, () => Math.floor(Math.random() * 10))];
  const sum = digits.reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 1 : 3), 0);
  return [...digits, (10 - (sum % 10)) % 10].join("");
}
