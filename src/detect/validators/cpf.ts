// Brazilian CPF: 11 digits whose last two are mod-11 check digits over the first nine.
// Numbers of one repeated digit pass the arithmetic but are never issued, so they are rejected.

export function isValidCpf(value: string): boolean {
  const digits = value.replace(/[.\-\s]/g, '');
  if (!/^\d{11}$/.test(digits)) return false;
  if (/^(\d)\1{10}$/.test(digits)) return false;
  return checkDigit(digits, 9) === Number(digits[9]) && checkDigit(digits, 10) === Number(digits[10]);
}

/** Check digit at `position` (9 or 10): weights count down from position + 1 to 2. */
function checkDigit(digits: string, position: number): number {
  let sum = 0;
  for (let i = 0; i < position; i += 1) sum += Number(digits[i]) * (position + 1 - i);
  const rest = (sum * 10) % 11;
  return rest === 10 ? 0 : rest;
}
