// Decides whether a candidate secret is a placeholder or a reference rather
// than a value: `changeme`, `<YOUR_PASSWORD>`, `${VAR}`, `os.environ[...]`.
// The lists themselves are data in patterns/placeholders.toml.
import type { PlaceholderLists } from '../rules/compile.js';

/** Quotes and spaces a value may carry from its assignment; stripped before comparing with the word list. */
const WRAPPING = /^["'`\s]+|["'`\s,;]+$/g;

/** `references` adds the code-reference patterns (variables, calls, types), for values that may be code. */
export function isPlaceholder(secret: string, lists: PlaceholderLists, references = false): boolean {
  const bare = secret.replace(WRAPPING, '');
  if (lists.words.has(bare.toLowerCase())) return true;
  if (lists.patterns?.test(bare) === true) return true;
  return references && lists.references?.test(bare) === true;
}
