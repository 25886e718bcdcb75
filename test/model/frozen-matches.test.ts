// Frozen matches (model/frozen-matches.ts): what goes in comes back, field for field, and the packed
// form stays in a Sensitive (printing it shows no value).
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import { fake } from '../../fixtures/secrets.js';
import { freezeMatches, packMatches, thawMatches, unpackMatches } from '../../src/model/frozen-matches.js';
import { Sensitive } from '../../src/model/sensitive.js';
import type { Match } from '../../src/model/types.js';

const matches: Match[] = [
  {
    ruleId: 'github-token', line: 3, column: 9, endLine: 3, endColumn: 49, entropy: 4.5, secret: new Sensitive(fake.githubToken),
    excerpt: new Sensitive({ bytes: Buffer.from([0x74, 0x3d, 0xff, 0x00, 0x0a]), spans: [{ start: 2, end: 4, mask: 'secret', keepPrefix: 4 }], cutStart: false, cutEnd: true }),
  },
  {
    ruleId: 'email', line: 1, column: 1, endLine: 1, endColumn: 20, entropy: 3, secret: new Sensitive(fake.email), decoded: 'base64',
    excerpt: new Sensitive({ bytes: Buffer.from(`é ${fake.email}`), spans: [], cutStart: true, cutEnd: false }),
  },
];
const plain = (list: readonly Match[]): unknown => list.map((match) => ({ ...match, secret: match.secret.reveal(), excerpt: match.excerpt.reveal() }));

describe('frozen matches', () => {
  it('thaw to what was frozen, bytes, spans, cuts and decoding included', () => {
    assert.deepEqual(plain(thawMatches(JSON.parse(JSON.stringify(freezeMatches(matches))) as unknown)), plain(matches));
    assert.deepEqual(plain(unpackMatches(packMatches(matches))), plain(matches));
    assert.deepEqual(unpackMatches(packMatches([])), []);
  });

  it('packed, print as a placeholder', () => {
    const packed = packMatches(matches);
    for (const shown of [String(packed), JSON.stringify({ packed }), inspect(packed)]) assert.ok(!shown.includes(fake.githubToken) && !shown.includes(fake.email), shown);
    assert.throws(() => thawMatches({}), TypeError);
  });
});
