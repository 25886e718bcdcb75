// Validators are named from rule files (`validator = "cpf"`); each takes the secret and says whether it is plausible.
import { isValidCpf } from './cpf.js';
import { isValidLuhn } from './luhn.js';

const VALIDATORS = {
  cpf: isValidCpf,
  luhn: isValidLuhn,
} as const satisfies Record<string, (secret: string) => boolean>;

export type ValidatorName = keyof typeof VALIDATORS;

export function isValidatorName(name: unknown): name is ValidatorName {
  return typeof name === 'string' && Object.hasOwn(VALIDATORS, name);
}

export function runValidator(name: ValidatorName, secret: string): boolean {
  return VALIDATORS[name](secret);
}
