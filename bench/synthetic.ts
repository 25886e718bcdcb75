// A synthetic history for the benchmark, written with `git fast-import` in
// one pass: thousands of commits of source-like files, each commit editing a
// few lines of one or two files, as real histories do, with a few planted
// fake secrets. Deterministic: the same repository every time.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { prng } from '../fixtures/random.js';

export const SYNTHETIC_COMMITS = 10_000;
const FILES = 300;


const WORDS = ['const', 'value', 'return', 'function', 'config', 'result', 'index', 'items', 'await', 'handler', 'request', 'response', 'user', 'name', 'count', 'list', 'map', 'filter', 'error', 'data'];

function codeLine(rand: () => number): string {
  const words = Array.from({ length: 3 + Math.floor(rand() * 9) }, () => WORDS[Math.floor(rand() * WORDS.length)]);
  return `${'  '.repeat(Math.floor(rand() * 4))}${words.join(' ')} = ${Math.floor(rand() * 1e6)};`;
}

/** Fake secrets, assembled at run time so this file does not look like a leak. */
function plantedSecrets(): string[] {
  return [
    `GITHUB_TOKEN=${'gh'}p_${'Zk3Qv8Lm2Xw9Rt5Yb1Nc7Hd4Jf6Pg0Sa2Ue8I'}`,
    `aws_access_key_id = ${'AK'}IA${'QWERTZ2345ABCDEF'}`,
    `db_password = "${'Xq7!pL2'}vR9z"`,
    `maintainer: ${'maria.souza'}@${'empresa.com.br'}`,
    `DATABASE_URL=postgres://svc:${'Hf83kdPq'}${'Lw'}@${'db'}.internal:5432/app`,
  ];
}

export async function buildSyntheticRepository(dir: string): Promise<void> {
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const child = spawn('git', ['-C', dir, 'fast-import', '--quiet'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const write = async (text: string | Buffer): Promise<void> => {
    if (!child.stdin.write(text)) await once(child.stdin, 'drain');
  };
  const rand = prng(42);
  const files = Array.from({ length: FILES }, (_, i) => {
    const size = rand() < 0.6 ? 40 + rand() * 100 : rand() < 0.75 ? 200 + rand() * 500 : 800 + rand() * 1000;
    return { path: `src/module-${i % 17}/file-${i}.ts`, lines: Array.from({ length: Math.floor(size) }, () => codeLine(rand)) };
  });
  const secrets = plantedSecrets();
  let mark = 0;
  const blob = async (content: string): Promise<number> => {
    mark += 1;
    const bytes = Buffer.from(content);
    await write(`blob\nmark :${mark}\ndata ${bytes.length}\n`);
    await write(bytes);
    await write('\n');
    return mark;
  };
  let previous = 0;
  for (let commit = 0; commit < SYNTHETIC_COMMITS; commit += 1) {
    const changed = commit === 0 ? files : Array.from({ length: rand() < 0.7 ? 1 : 2 }, () => files[Math.floor(rand() * files.length)] as (typeof files)[number]);
    const modifications: string[] = [];
    for (const file of changed) {
      if (commit > 0) {
        for (let edits = 1 + Math.floor(rand() * 3); edits > 0; edits -= 1) {
          const at = Math.floor(rand() * file.lines.length);
          if (rand() < 0.5) file.lines[at] = codeLine(rand);
          else file.lines.splice(at, 0, codeLine(rand));
        }
        if (commit % 2000 === 1000) file.lines.splice(Math.floor(rand() * file.lines.length), 0, secrets[(commit / 2000) | 0] as string);
      }
      modifications.push(`M 100644 :${await blob(`${file.lines.join('\n')}\n`)} ${file.path}\n`);
    }
    mark += 1;
    const message = `change ${commit}\n`;
    const time = 1_600_000_000 + commit * 600;
    await write(`commit refs/heads/main\nmark :${mark}\nauthor Bench <bench@bench.test> ${time} +0000\ncommitter Bench <bench@bench.test> ${time} +0000\n`);
    await write(`data ${Buffer.byteLength(message)}\n${message}${previous === 0 ? '' : `from :${previous}\n`}${modifications.join('')}\n`);
    previous = mark;
  }
  child.stdin.end();
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`git fast-import failed with exit code ${code}`);
  execFileSync('git', ['-C', dir, 'repack', '-adq']);
}
