// Masks for the values a finding shows. Each style keeps just enough for a
// person to recognise what was found, never enough to use it.
import type { MaskStyle } from '../model/types.js';

export const MASK = '****';

/** At most this share of a secret's characters may stay visible, whatever the rule asks. */
const MAX_VISIBLE_SHARE = 1 / 3;

export function maskValue(value: string, style: MaskStyle, keepPrefix: number): string {
  switch (style) {
    case 'email':
      return maskEmail(value);
    case 'cpf':
      return maskCpf(value);
    case 'digits':
      return maskDigits(value, 2);
    case 'card':
      return maskDigits(value, 4);
    case 'iban':
      return maskIban(value);
    case 'secret':
      return maskSecret(value, keepPrefix);
  }
}

/** Every digit but the last `keep` becomes an asterisk; separators stay, so the layout is recognisable. */
export function maskDigits(value: string, keep: number): string {
  // Letters too: the alphanumeric CNPJ (2026) has them where digits were.
  const total = value.replace(/[^0-9A-Za-z]/g, '').length;
  let seen = 0;
  return value.replace(/[0-9A-Za-z]/g, (char) => {
    seen += 1;
    return seen > total - keep ? char : '*';
  });
}

/** `DE**************3000`: the country and the last two characters. */
export function maskIban(value: string): string {
  const compact = value.replace(/\s/g, '');
  if (compact.length < 8) return MASK;
  return `${compact.slice(0, 2)}${'*'.repeat(compact.length - 4)}${compact.slice(-2)}`;
}

/** `ghp_****`: a vendor prefix stays, the rest goes. */
export function maskSecret(value: string, keepPrefix: number): string {
  const chars = [...value];
  const keep = Math.min(keepPrefix, Math.floor(chars.length * MAX_VISIBLE_SHARE));
  return chars.slice(0, keep).join('') + MASK;
}

/** `j***a@provedor.com.br`: first and last character of the local part, the whole domain. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return MASK;
  const local = [...value.slice(0, at)];
  const domain = value.slice(at);
  if (local.length <= 2) return `${local[0]}***${domain}`;
  return `${local[0]}***${local[local.length - 1]}${domain}`;
}

/** `***.***.***-09`: only the check digits, in the layout the number was written in. */
export function maskCpf(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 11) return MASK;
  const check = digits.slice(9);
  return /^\d{11}$/.test(value) ? `*********${check}` : `***.***.***-${check}`;
}
