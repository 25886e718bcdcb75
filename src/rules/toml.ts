// TOML parsing, loaded only when a file is parsed. Most runs parse none (the built-in catalog
// comes from its snapshot, most repositories have no configuration), yet importing the parser
// was part of every start-up. smol-toml's CommonJS build is one file that `require` loads
// synchronously, where its ES module build is eleven; the loaders stay synchronous.
import { createRequire } from 'node:module';

type SmolToml = typeof import('smol-toml');

let loaded: SmolToml | undefined;
const smolToml = (): SmolToml => (loaded ??= createRequire(import.meta.url)('smol-toml') as SmolToml);

export function parseToml(text: string): Record<string, unknown> {
  return smolToml().parse(text);
}

/** Where a parse error lies, when it is the parser's (it knows the line and column). */
export function tomlErrorAt(error: unknown): { line: number; column: number } | undefined {
  return loaded !== undefined && error instanceof loaded.TomlError ? { line: error.line, column: error.column } : undefined;
}

/** Whether the parser has been loaded in this process (tests hold start-up to loading it only when needed). */
export function tomlLoaded(): boolean {
  return loaded !== undefined;
}
