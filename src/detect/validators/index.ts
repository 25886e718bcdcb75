// Validators are named from rule files (`validator = "cpf"`); each takes the
// secret and says whether it is plausible. Some also consult the placeholder
// lists, given through the context.
import type { ValidatorName } from '../../rules/schema.js';
import { isBase64Secret, isBasicAuth } from './base64.js';
import { isCardNumber } from './card.js';
import { isValidCnpj } from './cnpj.js';
import { isValidCpf } from './cpf.js';
import { isValidIban } from './iban.js';
import { isValidLuhn } from './luhn.js';
import { isBrazilianPhone } from './phone.js';
import { isEmailAddress } from './email.js';

export interface ValidatorContext {
  isPlaceholder: (value: string) => boolean;
}

const VALIDATORS = {
  cpf: isValidCpf,
  cnpj: isValidCnpj,
  luhn: isValidLuhn,
  card: isCardNumber,
  iban: isValidIban,
  'br-phone': isBrazilianPhone,
  'basic-auth': isBasicAuth,
  'base64-secret': isBase64Secret,
  email: isEmailAddress,
} as const satisfies Record<ValidatorName, (secret: string, context: ValidatorContext) => boolean>;


export function runValidator(name: ValidatorName, secret: string, context: ValidatorContext): boolean {
  return VALIDATORS[name](secret, context);
}
