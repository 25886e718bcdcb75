// Brazilian CNPJ: 14 characters whose last two are mod-11 check digits; one repeated character is
// never issued. Since July 2026 the first twelve may be letters as well as digits (the alphanumeric
// CNPJ): each character counts as its ASCII code minus 48, so digits keep their value and the
// numeric CNPJ is the same computation.

export function isValidCnpj(value: string): boolean {
  const chars = value.replace(/[.\-/\s]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}\d{2}$/.test(chars) || /^(.)\1{13}$/.test(chars)) return false;
  return checkDigit(chars, 12) === Number(chars[12]) && checkDigit(chars, 13) === Number(chars[13]);
}

/** Weights run 2..9 from the right, repeating. */
function checkDigit(chars: string, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 1) sum += (chars.charCodeAt(length - 1 - i) - 48) * (2 + (i % 8));
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}
