// Checks for credentials that are stored base64-encoded: Docker registry
// `auth` values and Kubernetes Secret `data:` values. The value is decoded
// and judged by what it holds, so `cGFzc3dvcmQ=` ("password") is no secret.
import type { ValidatorContext } from './index.js';

/** Decodes standard base64 to text, or undefined when it is not base64 of printable UTF-8. */
export function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  if (text.length === 0 || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return undefined;
  return text;
}

/** `user:password`, as HTTP Basic and Docker `auth` encode it, with a password that is not a placeholder. */
export function isBasicAuth(value: string, context: ValidatorContext): boolean {
  const text = decodeBase64Text(value);
  const colon = text?.indexOf(':') ?? -1;
  if (text === undefined || colon <= 0) return false;
  const password = text.slice(colon + 1);
  return password.length >= 3 && !/\s/.test(password) && !context.isPlaceholder(password);
}

/** A base64 value that decodes to printable text of some length that is not a placeholder. */
export function isBase64Secret(value: string, context: ValidatorContext): boolean {
  const text = decodeBase64Text(value);
  return text !== undefined && text.trim().length >= 6 && !context.isPlaceholder(text.trim());
}
