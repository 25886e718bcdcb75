// The keyword line finder decides which lines a line rule's regex ever sees: a line it leaves out
// that holds a keyword would lose that line's findings. So it must find every line the detector's
// own keyword check accepts (case-insensitive, RE2's folding included), join adjacent lines, and
// cover whole lines (newline included) so a rule sees each line as it stands.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { KeywordLines, type LineRun } from '../../src/detect/keyword-lines.js';
import { escapeRegex } from '../../src/detect/prefilter.js';
import { Detector } from '../../src/detect/detector.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { fake } from '../../fixtures/secrets.js';

const texts = (text: Buffer, runs: readonly LineRun[]): string[] => runs.map((run) => text.toString('utf8', run.start, run.end));

/** Every line holding a keyword by the detector's own test (one case-insensitive regex), as whole lines, adjacent ones joined. */
function expected(keywords: readonly string[], text: Buffer): string[] {
  const check = new RE2(keywords.map(escapeRegex).join('|'), 'i');
  const runs: string[] = [];
  let joined = false;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf(10, start);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.subarray(start, end);
    if (check.test(line)) {
      if (joined) runs[runs.length - 1] += line.toString('utf8');
      else runs.push(line.toString('utf8'));
      joined = true;
    } else joined = false;
    start = end;
  }
  return runs;
}

describe('keyword lines', () => {
  it('finds the whole lines holding a keyword without letters, joining neighbours, the last line without its newline', () => {
    const text = Buffer.from('a\nmail me@x.io\nand you@y.io too\nnothing\n\nlast@z');
    const runs = new KeywordLines(['@']).in(text);
    assert.deepEqual(texts(text, runs), ['mail me@x.io\nand you@y.io too\n', 'last@z']);
    assert.deepEqual(texts(text, runs), expected(['@'], text));
  });

  it('finds keywords with letters in any case, and several keywords on one line once', () => {
    const text = Buffer.from('x = 1\nPassWord: a TOKEN\n\nsecret\ny\n');
    const keywords = ['password', 'token', 'secret'];
    assert.deepEqual(texts(text, new KeywordLines(keywords).in(text)), ['PassWord: a TOKEN\n', '\nsecret\n'.slice(1)]);
    assert.deepEqual(texts(text, new KeywordLines(keywords).in(text)), expected(keywords, text));
  });

  it('joins the lines of several literal keywords in text order', () => {
    const text = Buffer.from('one://a\ntwo\nthree@b\nfour://c@d\nfive\n');
    assert.deepEqual(texts(text, new KeywordLines(['://', '@']).in(text)), ['one://a\n', 'three@b\nfour://c@d\n']);
  });

  it('agrees with the detector\'s keyword check where case folding reaches beyond ASCII (K as the Kelvin sign)', () => {
    const text = Buffer.from('plain\napi_\u212Aey = 1\nother\n');
    assert.deepEqual(texts(text, new KeywordLines(['key']).in(text)), expected(['key'], text));
    assert.equal(texts(text, new KeywordLines(['key']).in(text)).length, 1);
  });

  it('finds nothing in a text without keywords, or an empty one', () => {
    assert.deepEqual(new KeywordLines(['@', 'token']).in(Buffer.from('a\nb\n')), []);
    assert.deepEqual(new KeywordLines(['@']).in(Buffer.alloc(0)), []);
  });

  it('matches random texts line for line with the detector\'s check', () => {
    const pieces = ['@', 'Token', 'pass', 'x', ' ', '\n', '\n', '://', 'toke', 'n', 'PA', 'SS'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 200; round += 1) {
      const text = Buffer.from(Array.from({ length: 40 }, () => pieces[next() % pieces.length]).join(''));
      for (const keywords of [['@'], ['token', 'pass'], ['://', '@'], ['@', 'pass']]) {
        assert.deepEqual(texts(text, new KeywordLines(keywords).in(text)), expected(keywords, text), `${keywords.join(',')} in ${JSON.stringify(text.toString())}`);
      }
    }
  });
});

describe('detector searching keyword lines only', () => {
  it('finds in a multi-line text what it finds in each line alone', () => {
    const detector = new Detector(loadRuleSet());
    const lines = [
      'int main(void) {',
      `  const char *password = "${fake.password}";`,
      '  // no keyword here, ghp_ in a comment only',
      `  mail("${fake.email}");`,
      `  token = "${fake.githubToken}"`,
      '}',
    ];
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const whole = detector.detectText(text).map((match) => `${match.ruleId}:${match.line}:${match.column}`);
    const alone = lines.flatMap((line, index) => detector.detectText(Buffer.from(line)).map((match) => `${match.ruleId}:${index + 1}:${match.column}`));
    assert.ok(whole.length >= 2, `found ${whole.join(' ')}`);
    assert.deepEqual(whole, alone);
  });
});
