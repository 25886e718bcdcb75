// Redacting free text (a log, a CI transcript, a message) with the same rules a
// scan uses: every secret and piece of personal data any rule finds is masked
// as its rule masks it. For the library and, later, a `redact` filter.
import { createDetector } from '../engine/scan.js';
import type { MaskedText } from '../model/types.js';
import type { RuleSetOptions } from '../rules/rule-set.js';
import { Redactor } from './redactor.js';

export type RedactTextOptions = RuleSetOptions;

/** A function that masks texts; building the rules costs tens of milliseconds, so build it once for many texts. */
export function textRedactor(options: RedactTextOptions = {}): (text: string) => MaskedText {
  const detector = createDetector(options);
  const redactor = new Redactor('mask', detector.findSecrets);
  // Masking by shape finds secrets (passwords): not when only the PII rules are asked for.
  const shapes = detector.ruleSet.rules.some((rule) => rule.category === 'secret');
  return (text) => redactor.maskText(text, [], { shapes });
}

/** `text` with everything the rules find masked. */
export function redactText(text: string, options: RedactTextOptions = {}): MaskedText {
  return textRedactor(options)(text);
}
