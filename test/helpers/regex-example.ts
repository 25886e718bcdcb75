// Makes a string a regex matches: for exercising rules we did not write (gitleaks' default
// configuration) with a value made for each, at run time, so no such value is ever committed.
// Handles the RE2 subset those rules use: literals and escapes (\d \w \s and their negations, \xHH,
// \x{…}, \n \r \t), classes with ranges, negation and [:alnum:]-style names, `.`, groups (capturing,
// named, non-capturing, with flags such as (?i: or (?-i:), flag settings such as (?i), alternation,
// quantifiers (* + ? {n} {n,} {n,m}, lazy too) and assertions (^ $ \b \B \A \z), which produce nothing.
// Characters are drawn at random from each class, so values are as random as their class allows
// (entropy thresholds pass); a caller retries other seeds when a draw does not suit.

type Node =
  | { kind: 'chars'; chars: string[]; wide: boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number | undefined; lazy: boolean }
  | { kind: 'assert' };

/** The characters a class may draw from: printable ASCII, tab and newline. */
const UNIVERSE = [...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), '\t', '\n', '\r'];
const DIGITS = '0123456789'.split('');
const WORD = UNIVERSE.filter((c) => /\w/.test(c));
const SPACE = [' ', '\t', '\n', '\r', '\f', '\v'];
const ALNUM = /[A-Za-z0-9]/;
const POSIX: Record<string, (c: string) => boolean> = {
  alnum: (c) => /[A-Za-z0-9]/.test(c), alpha: (c) => /[A-Za-z]/.test(c), digit: (c) => /\d/.test(c), lower: (c) => /[a-z]/.test(c),
  upper: (c) => /[A-Z]/.test(c), space: (c) => /\s/.test(c), xdigit: (c) => /[0-9A-Fa-f]/.test(c), word: (c) => /\w/.test(c),
  punct: (c) => /[!-/:-@[-`{-~]/.test(c), print: (c) => c >= ' ' && c <= '~', graph: (c) => c > ' ' && c <= '~',
};

class Parser {
  #at = 0;
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
  }

  parse(): Node {
    const node = this.#alternation();
    if (this.#at < this.#source.length) throw new Error(`regex-example: unexpected "${this.#source[this.#at] ?? ''}" at ${this.#at} in ${this.#source}`);
    return node;
  }

  #peek(): string | undefined {
    return this.#source[this.#at];
  }

  #alternation(): Node {
    const options: Node[] = [this.#sequence()];
    while (this.#peek() === '|') {
      this.#at += 1;
      options.push(this.#sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  #sequence(): Node {
    const items: Node[] = [];
    while (this.#at < this.#source.length && this.#peek() !== '|' && this.#peek() !== ')') {
      const atom = this.#atom();
      if (atom !== undefined) items.push(this.#quantified(atom));
    }
    return { kind: 'seq', items };
  }

  #quantified(atom: Node): Node {
    let node = atom;
    for (;;) {
      const char = this.#peek();
      let min: number;
      let max: number | undefined;
      if (char === '*') [min, max] = [0, undefined];
      else if (char === '+') [min, max] = [1, undefined];
      else if (char === '?') [min, max] = [0, 1];
      else if (char === '{' && /^\{\d+(,\d*)?\}/.test(this.#source.slice(this.#at))) {
        const found = /^\{(\d+)(,(\d*))?\}/.exec(this.#source.slice(this.#at)) as RegExpExecArray;
        min = Number(found[1]);
        max = found[2] === undefined ? min : found[3] === '' ? undefined : Number(found[3]);
        this.#at += found[0].length - 1;
      } else return node;
      this.#at += 1;
      const lazy = this.#peek() === '?';
      if (lazy) this.#at += 1;
      node = { kind: 'repeat', node, min, max, lazy };
    }
  }

  #atom(): Node | undefined {
    const char = this.#source[this.#at] as string;
    this.#at += 1;
    if (char === '(') return this.#group();
    if (char === '[') return this.#class();
    if (char === '.') return { kind: 'chars', chars: UNIVERSE.filter((c) => c !== '\n'), wide: true };
    if (char === '^' || char === '$') return { kind: 'assert' };
    if (char === '\\') return this.#escape(false);
    return { kind: 'chars', chars: [char], wide: false };
  }

  #group(): Node | undefined {
    if (this.#peek() === '?') {
      const rest = this.#source.slice(this.#at);
      const named = /^\?P?<[A-Za-z_]\w*>/.exec(rest);
      const flags = /^\?[a-zA-Z-]*([:)])/.exec(rest);
      if (named !== null) this.#at += named[0].length;
      else if (flags !== null) {
        this.#at += flags[0].length;
        if (flags[1] === ')') return undefined; // (?i): a flag setting; generating as written matches whatever the case rules
      } else throw new Error(`regex-example: unsupported group at ${this.#at} in ${this.#source}`);
    }
    const inner = this.#alternation();
    if (this.#peek() !== ')') throw new Error(`regex-example: unclosed group in ${this.#source}`);
    this.#at += 1;
    return inner;
  }

  /** After a backslash: a class of characters, an assertion, or one literal character. */
  #escape(inClass: boolean): Node {
    const char = this.#source[this.#at] as string;
    this.#at += 1;
    const set = (chars: string[], wide = false): Node => ({ kind: 'chars', chars, wide });
    switch (char) {
      case 'd': return set(DIGITS);
      case 'D': return set(UNIVERSE.filter((c) => !/\d/.test(c)), true);
      case 'w': return set(WORD);
      case 'W': return set(UNIVERSE.filter((c) => !/\w/.test(c)), true);
      case 's': return set(SPACE.filter((c) => UNIVERSE.includes(c)));
      case 'S': return set(UNIVERSE.filter((c) => !/\s/.test(c)), true);
      case 'n': return set(['\n']);
      case 'r': return set(['\r']);
      case 't': return set(['\t']);
      case 'f': return set(['\f']);
      case 'v': return set(['\v']);
      case 'x': {
        const found = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(this.#source.slice(this.#at));
        if (found === null) throw new Error(`regex-example: bad \\x in ${this.#source}`);
        this.#at += found[0].length;
        return set([String.fromCodePoint(parseInt(found[1] ?? found[2] ?? '0', 16))]);
      }
      case 'b': case 'B': case 'A': case 'z':
        if (!inClass) return { kind: 'assert' };
        return set([char === 'b' ? '\b' : char]);
      default:
        if (/[A-Za-z]/.test(char)) throw new Error(`regex-example: unsupported escape \\${char} in ${this.#source}`);
        return set([char]);
    }
  }

  #class(): Node {
    let negated = false;
    if (this.#peek() === '^') {
      negated = true;
      this.#at += 1;
    }
    const members = new Set<string>();
    let first = true;
    while (this.#at < this.#source.length && (this.#peek() !== ']' || first)) {
      first = false;
      const rest = this.#source.slice(this.#at);
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix !== null) {
        const test = POSIX[posix[2] as string];
        if (test === undefined) throw new Error(`regex-example: unknown class [:${posix[2] ?? ''}:]`);
        for (const c of UNIVERSE) if (test(c) !== (posix[1] === '^')) members.add(c);
        this.#at += posix[0].length;
        continue;
      }
      let low: string[];
      if (this.#peek() === '\\') {
        this.#at += 1;
        const escaped = this.#escape(true);
        if (escaped.kind !== 'chars') throw new Error('unreachable');
        low = escaped.chars;
      } else {
        low = [this.#source[this.#at] as string];
        this.#at += 1;
      }
      // A range: one character, a dash, one character (a dash before ] is a literal dash).
      if (low.length === 1 && this.#peek() === '-' && this.#source[this.#at + 1] !== ']' && this.#at + 1 < this.#source.length) {
        this.#at += 1;
        let high: string;
        if (this.#peek() === '\\') {
          this.#at += 1;
          const escaped = this.#escape(true);
          high = escaped.kind === 'chars' ? (escaped.chars[0] as string) : '';
        } else {
          high = this.#source[this.#at] as string;
          this.#at += 1;
        }
        for (let code = (low[0] as string).charCodeAt(0); code <= high.charCodeAt(0); code += 1) members.add(String.fromCharCode(code));
        continue;
      }
      for (const c of low) members.add(c);
    }
    if (this.#peek() !== ']') throw new Error(`regex-example: unclosed class in ${this.#source}`);
    this.#at += 1;
    const chars = negated ? UNIVERSE.filter((c) => !members.has(c)) : [...members];
    return { kind: 'chars', chars, wide: negated };
  }
}

/** Whether a node can only produce nothing (an assertion, or a sequence of them). */
function producesNothing(node: Node): boolean {
  if (node.kind === 'assert') return true;
  if (node.kind === 'seq') return node.items.every(producesNothing);
  return false;
}

/** A string `pattern` matches, drawn with `random` (a function returning [0, 1)). */
export function exampleOf(pattern: string, random: () => number): string {
  const tree = new Parser(pattern).parse();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out: string[] = [];
  const emit = (node: Node): void => {
    switch (node.kind) {
      case 'assert':
        return;
      case 'chars': {
        // Wide classes (negations, `.`) draw letters and digits: punctuation there would only get in the way.
        // Line breaks and odd spaces only when nothing else will do.
        const plain = node.chars.filter((c) => c !== '\n' && c !== '\r' && c !== '\f' && c !== '\v' && c !== '\t');
        const alnum = plain.filter((c) => ALNUM.test(c));
        const from = node.wide && alnum.length > 0 ? alnum : plain.length > 0 ? plain : node.chars;
        if (from.length === 0) throw new Error(`regex-example: an empty class in ${pattern}`);
        out.push(pick(from));
        return;
      }
      case 'seq':
        for (const item of node.items) emit(item);
        return;
      case 'alt': {
        // An option that produces nothing (`^`, `$`) is taken only when every option does.
        const real = node.options.filter((option) => !producesNothing(option));
        emit(pick(real.length > 0 ? real : node.options));
        return;
      }
      case 'repeat': {
        const wide = node.node.kind === 'chars' && (node.node.wide || node.node.chars.length > 70);
        const span = node.max === undefined ? (wide ? 2 : 12) : Math.min(node.max - node.min, wide ? 2 : 16);
        const count = node.lazy ? node.min : node.min + Math.floor(random() * (span + 1));
        for (let i = 0; i < count; i += 1) emit(node.node);
        return;
      }
    }
  };
  emit(tree);
  return out.join('');
}
