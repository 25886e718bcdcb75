import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import RE2 from 're2';
import { Detector } from '../../src/detect/detector.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { fake } from '../../fixtures/secrets.js';

const detector = new Detector(loadRuleSet());
const scanText = (text: string) => detector.detectText(Buffer.from(text, 'utf8'));

describe('detector', () => {
  it('reports 1-based line and column of the secret, in code points', () => {
    const [match] = scanText(`x\nçé token: ${fake.githubToken}\n`);
    assert.ok(match);
    assert.equal(match.ruleId, 'github-token');
    assert.equal(match.line, 2);
    assert.equal(match.column, 11);
    assert.equal(match.endColumn, 11 + fake.githubToken.length);
    assert.equal(match.secret.reveal(), fake.githubToken);
  });

  it('honours an allow marker on the first line when the secret opens the text (not the last line\'s)', () => {
    // The line of a match at byte 0 was once looked up from the end of the buffer.
    assert.deepEqual(scanText(`${fake.githubToken} # leakwatch:allow revoked\nnothing here\n`), []);
    assert.deepEqual(scanText(`${fake.githubToken}\n# leakwatch:allow on another line\n`).map((m) => m.ruleId), ['github-token']);
  });

  it('masking looks past allow markers (in a log they may come from user input); a scan honours them', () => {
    const line = Buffer.from(`{"user":"leakwatch:allow","token":"${fake.githubToken}"}`);
    assert.deepEqual(detector.detectText(line), []);
    assert.deepEqual(detector.findSpans(line, { allowMarkers: true }), []);
    assert.deepEqual(detector.findSpans(line).map((span) => span.ruleId), ['github-token']);
    const found = detector.findSecrets(`gitleaks:allow ${fake.githubToken}`);
    assert.deepEqual(found.map((f) => [f.start, f.end]), [[15, 15 + fake.githubToken.length]]);
  });

  it('findSecrets gives where each secret sits in the string (an encoded run whole), in UTF-16 offsets', () => {
    const encoded = Buffer.from(`GITHUB_TOKEN=${fake.githubToken}`).toString('base64');
    const text = `${fake.email} çé ${encoded}`;
    const found = detector.findSecrets(text);
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [fake.email, encoded]);
    assert.equal(found[1]?.secret.reveal(), fake.githubToken);
  });

  it('handles CRLF line endings: right line, no carriage return in the secret', () => {
    const [match] = scanText(`a=1\r\nb=2\r\nDB_PASSWORD=${fake.password}\r\nc=3\r\n`);
    assert.ok(match);
    assert.equal(match.line, 3);
    assert.equal(match.secret.reveal(), fake.password);
    assert.equal(match.excerpt.reveal().bytes.includes(13), false);
  });

  it('decodes UTF-16 text with a byte-order mark', () => {
    const text = `\ufeffpassword = "${fake.password}"\r\n`;
    const result = detector.detect(Buffer.from(text, 'utf16le'));
    assert.equal(result.kind, 'text');
    assert.deepEqual(result.kind === 'text' ? result.matches.map((m) => m.secret.reveal()) : [], [fake.password]);
  });

  it('skips binary blobs', () => {
    const bytes = Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`token=${fake.githubToken}`)]);
    assert.equal(detector.detect(bytes).kind, 'binary');
  });

  it('reports a secret once when a specific and a generic rule both match it', () => {
    const ids = scanText(`github_token = "${fake.githubToken}"`).map((match) => match.ruleId);
    assert.deepEqual(ids, ['github-token']);
  });

  it('reports a hash in a shadow or .htpasswd line once, by the line rule; elsewhere by the hash rule', () => {
    // Assembled here so this file holds no hash-shaped string (the self-scan reads it).
    const bcrypt = ['$2y', '$10$', '1vdsNRZz.8uXo8UcRY16Bu', 'aZ1GyiAX/eOBRTYuEHZFroXn7SibGoC'].join('');
    const sha512 = ['$6', '$SmUpyZK6ERx7XPO0$', 'sE7DcxbQf.H9uHMdRbPCn4cVqhDO5O4VeEqU1A.GceTo5hI1wa3JUvXt', 'frxFOE3DCA51LWqheEh/qz0RPbTpi.'].join('');
    const ids = (text: string): string[] => scanText(text).map((match) => match.ruleId);
    assert.deepEqual(ids(`deploy:${bcrypt}\n`), ['htpasswd-hash']);
    assert.deepEqual(ids(`root:${sha512}:19000:0:99999:7:::\n`), ['shadow-hash']);
    assert.deepEqual(ids(`INSERT INTO users VALUES (1, 'ana', '${bcrypt}');\n`), ['bcrypt-hash']);
    assert.deepEqual(ids(`  password: "${sha512}"\n`), ['sha-crypt-hash']);
  });

  it('does not report the password of a URL again as an email', () => {
    const ids = scanText(`url = postgres://app:${fake.dbPassword}@db.internal:5432/app`).map((match) => match.ruleId);
    assert.deepEqual(ids, ['url-credentials']);
  });

  it('marks every accepted secret span of the line in each excerpt', () => {
    const matches = scanText(`password = "${fake.password}" owner=${fake.email}`);
    assert.equal(matches.length, 2);
    for (const match of matches) assert.equal(match.excerpt.reveal().spans.length, 2);
  });

  it('cuts very long lines around the match', () => {
    const [match] = scanText(`${'x'.repeat(5000)} ${fake.githubToken} ${'y'.repeat(5000)}`);
    assert.ok(match);
    const excerpt = match.excerpt.reveal();
    assert.ok(excerpt.bytes.length < 300);
    assert.equal(excerpt.cutStart && excerpt.cutEnd, true);
  });

  it('finds a rule keyword that overlaps another keyword', () => {
    assert.equal(scanText(`xpassword=${fake.password}`).length, 1);
  });

  it('validates CPF check digits and rejects repeated digits', () => {
    const found = scanText(`a ${fake.cpfValid} b ${fake.cpfInvalid} c ${fake.cpfRepeated}`).map((m) => m.secret.reveal());
    assert.deepEqual(found, [fake.cpfValid]);
  });

  it('keeps raw values out of string conversion, JSON and inspection', () => {
    const [match] = scanText(`token: ${fake.githubToken}`);
    assert.ok(match);
    const printed = [String(match.secret), JSON.stringify(match), `${match.excerpt}`].join('\n');
    assert.equal(printed.includes(fake.githubToken), false);
  });
});

describe('line-scope rules match line by line (issue 14)', () => {
  // What a text gives must be what its lines give one by one: the changed-lines path searches some
  // lines and carries the rest over, and must find exactly what a whole search finds.
  const bcrypt = (tail: string): string => `$2b$12$tvtMLwLAtaG93mtI/652MOX2XIb4p6XBES7XSf41jPQHTOk/M.${tail}`;
  const texts = [
    `import os\n\nDEBUG = True\nSECRET_KEY = '${fake.djangoKey}'\n`, // the rule's [^\w] would take the newline before
    `${bcrypt('dwW')}\n${bcrypt('dwX')}\n`, // its (?:[^\w./$]|$) would take the newline after, hiding the next line's start
    `<add key="Mode" value="a"\n  <add key="DbPassword" value="${fake.password}" />\n`, // [^>]*? would run on into the next line
    `token: ${fake.githubToken}\npassword = "${fake.password}"\nmail ${fake.email}\n`,
  ];
  const where = (text: string): string[] => scanText(text).map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.secret.reveal()}`);
  for (const text of texts) {
    it(`finds in a text what its lines give alone: ${JSON.stringify(text.slice(0, 30))}…`, () => {
      const lines = text.split('\n');
      const byLine = lines.flatMap((line, index) => where(line).map((found) => found.replace(/ 1:/, ` ${index + 1}:`)));
      assert.deepEqual(where(text), byLine);
      assert.ok(byLine.length > 0);
    });
  }

  it('takes a match only where a keyword of its rule is on its line, as the prefilter picks rules for changed lines', () => {
    const github = detector.ruleSet.rules.find((rule) => rule.id === 'github-token');
    assert.ok(github);
    // A rule whose keyword need not be in its match: the changed lines may hold the match without the keyword.
    const rule = { ...github, id: 'deploy-token', keywords: ['deploy'], regex: new RE2('gh[pousr]_[A-Za-z0-9]{36}', 'gdm') };
    const found = (text: string): string[] => detector.detectText(Buffer.from(text), [rule]).map((m) => `${m.ruleId} ${m.line}`);
    assert.deepEqual(found(`deploy token ${fake.githubToken}\n`), ['deploy-token 1']);
    assert.deepEqual(found(`deploy:\n  token ${fake.githubToken}\n`), []);
  });
});

describe('encoded text', () => {
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  it('finds a secret inside base64, reported at the encoded run and marked decoded', () => {
    const run = b64(`[default]\ntoken = ${fake.githubToken}\n`);
    const [match] = scanText(`config:\n  blob: ${run}\n`);
    assert.ok(match);
    assert.equal(match.ruleId, 'github-token');
    assert.equal(match.decoded, 'base64');
    assert.equal(match.line, 2);
    assert.equal(match.column, 9);
    assert.equal(match.secret.reveal(), fake.githubToken);
    assert.deepEqual([match.excerpt.reveal().spans[0]?.start, match.excerpt.reveal().spans[0]?.end], [8, 8 + run.length]);
  });
  it('finds a secret inside percent-encoding', () => {
    const [match] = scanText(`url = https://x.io/cb?state=${encodeURIComponent(`{"token":"${fake.githubToken}"}`)}`);
    assert.equal(match?.decoded, 'percent');
    assert.equal(match?.secret.reveal(), fake.githubToken);
  });
  it('looks two levels deep (a Docker config JSON, itself base64)', () => {
    const config = JSON.stringify({ auths: { 'registry.acme.io': { auth: b64(`ci:${fake.password}`) } } });
    const matches = scanText(`.dockerconfigjson: ${b64(config)}`);
    assert.deepEqual(matches.map((m) => [m.ruleId, m.decoded]), [['docker-config-auth', 'base64']]);
  });
  it('leaves binary base64 alone: hashes, images, random bytes', () => {
    const random = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 73 + 41) % 256)).toString('base64');
    assert.deepEqual(scanText(`"integrity": "sha512-${random}",\nlogo = 'data:image/png;base64,${random}'`), []);
  });
  it('does not report again what a rule found in the run as it stands', () => {
    const jwtLike = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ email: fake.email })).toString('base64url')}.c2lnbmF0dXJlc2lnbmF0dXJl`;
    assert.deepEqual(scanText(`token: ${jwtLike}`).map((m) => m.ruleId), ['jwt']);
  });
});

describe('text decoding', () => {
  it('reads UTF-16 without a byte-order mark, little and big endian', () => {
    const text = `password = "${fake.password}"\n`;
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const bytes of [le, be]) {
      const result = detector.detect(bytes);
      assert.deepEqual(result.kind === 'text' ? result.matches.map((m) => m.secret.reveal()) : result.kind, [fake.password]);
    }
  });
  it('skips binary blobs unless asked to read their printable runs', async () => {
    const { prepareText } = await import('../../src/detect/text.js');
    const bytes = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]), Buffer.from(`token=${fake.githubToken}`), Buffer.from([0, 0xff])]);
    assert.equal(prepareText(bytes).kind, 'binary');
    const runs = prepareText(bytes, true);
    assert.equal(runs.kind, 'text');
    const found = runs.kind === 'text' ? detector.detectText(runs.text) : [];
    assert.deepEqual(found.map((m) => [m.ruleId, m.column]), [['github-token', 15]]);
  });
});
