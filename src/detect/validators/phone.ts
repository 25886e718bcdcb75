// Brazilian phone numbers: a real area code (DDD) and, for nine-digit numbers, a mobile's leading 9.

/** Area codes in use (Anatel). */
const AREA_CODES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49,
  51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92,
  93, 94, 95, 96, 97, 98, 99,
]);

export function isBrazilianPhone(value: string): boolean {
  let digits = value.replace(/\D/g, '');
  if (digits.length >= 12 && digits.startsWith('55')) digits = digits.slice(2);
  if (digits.length !== 10 && digits.length !== 11) return false;
  if (!AREA_CODES.has(Number(digits.slice(0, 2)))) return false;
  const subscriber = digits.slice(2);
  if (subscriber.length === 9 && subscriber[0] !== '9') return false;
  return !/^(\d)\1+$/.test(subscriber);
}
