// The hashes of leakwatch's own outputs are told by shape and by what stands right before them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Detector } from '../../src/detect/detector.js';
import { isOwnOutputHash } from '../../src/detect/own-output.js';
import { loadRuleSet } from '../../src/rules/compile.js';

const RULES = new Set(['vonage-api-secret', 'email']);
const HASH = '3fa85c1d7e0b9246';

/** Whether the first `secret` in `line` is one of leakwatch's own hashes. */
const own = (line: string, secret: string): boolean =>
  isOwnOutputHash(Buffer.from(`first line\n${line}`), Buffer.byteLength(`first line\n${line.slice(0, line.indexOf(secret))}`), secret, RULES);

describe('isOwnOutputHash', () => {
  it("takes an id's or a fingerprint's hash after a rule's id, in JSON, a baseline and CSV", () => {
    assert.equal(own(`    "id": "vonage-api-secret:${HASH}",`, HASH), true);
    assert.equal(own(`    {"id":"vonage-api-secret:${HASH}","ruleId":"vonage-api-secret"}`, HASH), true);
    assert.equal(own(`    "fingerprint": "vonage-api-secret:config/my sms.env:${HASH}",`, HASH), true);
    assert.equal(own(`vonage-api-secret:${HASH},vonage-api-secret,secret,high`, HASH), true);
    assert.equal(own(`x,vonage-api-secret,config/a.env,3,vonage-api-secret:config/a.env:${HASH},0`, HASH), true);
  });

  it("takes a baseline's idKeyCheck and SARIF's partialFingerprints under their keys only", () => {
    assert.equal(own('  "idKeyCheck": "b9f6fb774d53",', 'b9f6fb774d53'), true);
    assert.equal(own('    "leakwatch/v3": "cb30679cead9428e5a5ea92db124f702"', 'cb30679cead9428e5a5ea92db124f702'), true);
    assert.equal(own('  "apiKey": "b9f6fb774d53",', 'b9f6fb774d53'), false);
    assert.equal(own('  "leakwatch/v3": "b9f6fb774d53",', 'b9f6fb774d53'), false);
  });

  it('leaves other values alone: another shape, an unknown rule, a key with a space after its colon', () => {
    assert.equal(own(`    "id": "vonage-api-secret:${HASH}0",`, `${HASH}0`), false);
    assert.equal(own(`    "id": "vonage-api-secret:3FA85C1D7E0B9246",`, '3FA85C1D7E0B9246'), false);
    assert.equal(own(`    "id": "my-own-rule:${HASH}",`, HASH), false);
    assert.equal(own(`vonage-api-secret: ${HASH}`, HASH), false);
    assert.equal(own(`vonage-api-secret: note, vonage_key:${HASH}`, HASH), false);
    assert.equal(own(`VONAGE_SECRET=${HASH}`, HASH), false);
  });
});

describe('the detector on leakwatch outputs', () => {
  const detector = new Detector(loadRuleSet());
  const rules = (text: string): string[] => detector.detectText(Buffer.from(text)).map((match) => match.ruleId);

  it("reports no id's hash, and still a real secret on the same line or under a key of its own", () => {
    assert.deepEqual(rules(`{"id":"vonage-api-secret:${HASH}","ruleId":"vonage-api-secret","path":"a.env","line":1}\n`), []);
    const real = ['Vq7Rt2', 'Lx9Kp4Wm3Z'].join('');
    assert.deepEqual(rules(`{"id":"vonage-api-secret:${HASH}","vonage_secret":"${real}"}\n`), ['vonage-api-secret']);
    assert.deepEqual(rules(`    {"vonage_api_secret": "${HASH}"},\n`), ['vonage-api-secret']);
  });
});
