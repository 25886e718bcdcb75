// Payment card numbers: the Luhn check, a known issuer length, no long run of
// one digit, and not one of the test numbers card networks publish (listed in patterns/).
import type { ValidatorContext } from './index.js';
import { isValidLuhn } from './luhn.js';

export function isCardNumber(value: string, context: ValidatorContext): boolean {
  const digits = value.replace(/[\s-]/g, '');
  // Eight equal digits in a row is a filler, not an account number (4010000000000000).
  if (!/^\d{13,19}$/.test(digits) || /(\d)\1{7}/.test(digits)) return false;
  return isValidLuhn(digits) && !context.isPlaceholder(digits);
}
