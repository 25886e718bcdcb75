// A box for raw secret material. Printing, logging, JSON-encoding or
// inspecting the box yields a placeholder; only `reveal()` gives the value,
// so a raw secret cannot reach output by accident (string interpolation,
// console.log, JSON.stringify all see the placeholder).
import { inspect } from 'node:util';

const PLACEHOLDER = '[sensitive]';

export class Sensitive<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return PLACEHOLDER;
  }

  toJSON(): string {
    return PLACEHOLDER;
  }

  [inspect.custom](): string {
    return PLACEHOLDER;
  }
}
