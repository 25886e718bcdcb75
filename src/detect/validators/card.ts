// Payment card numbers: the Luhn check, a known issuer length, not one repeated
// digit, and not one of the test numbers card networks publish (listed in patterns/).
import type { ValidatorContext } from './index.js';
import { isValidLuhn } from './luhn.js';

export function isCardNumber(value: string, context: ValidatorContext): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  return isValidLuhn(digits) && !context.isPlaceholder(digits);
}
