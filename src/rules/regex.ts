// Compiling the regexes of rules and allowlists with RE2 (linear time: a
// user's pattern cannot hang a scan), with errors that name where the pattern
// was written.
import RE2 from 're2';
import { LeakwatchError } from '../model/errors.js';

/**
 * Patterns compiled while a spec was checked, kept for the compile that follows on the same thread,
 * so loading a rule set compiles each regex once. Taken, not shared: every rule owns its RE2 object
 * (a global regex carries its own lastIndex).
 */
const checked = new Map<string, RE2>();

/** Compiles `pattern` to see that it can be, and keeps the result for `compileRegex`. */
export function checkRegex(pattern: string, flags: string, where: string): RE2 {
  const regex = compileRegex(pattern, flags, where);
  checked.set(`${flags}\0${pattern}`, regex);
  return regex;
}

export function compileRegex(pattern: string, flags: string, where: string): RE2 {
  const key = `${flags}\0${pattern}`;
  const ready = checked.get(key);
  if (ready !== undefined) {
    checked.delete(key);
    return ready;
  }
  try {
    return new RE2(pattern, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'does not compile';
    throw new LeakwatchError('rule-regex', `${where}: regex does not compile with RE2: ${reason}`);
  }
}

/** Number of capture groups in an RE2 pattern: every `(` that is not escaped, not in a class, and not `(?:` or a flag group. */
export function countGroups(regex: RE2): number {
  const source = regex.source;
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') {
      inClass = true;
      if (source[i + 1] === '^') i += 1;
      if (source[i + 1] === ']') i += 1; // a leading ] is a literal
    } else if (char === '(') {
      if (source[i + 1] !== '?') count += 1;
      else if (source[i + 2] === 'P' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!')) count += 1; // named group
    }
  }
  return count;
}
