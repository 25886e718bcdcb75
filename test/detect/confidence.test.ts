// How sure a finding is: the rule's kind gives the base, where the file is and
// what the line says lower it, a project's own contact data and reserved example
// domains are low. Values are fixture fakes assembled at run time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess, placeDoubts } from '../../src/detect/confidence.js';
import { Detector } from '../../src/detect/detector.js';
import { CONFIDENCES, moreSure } from '../../src/model/confidence.js';
import { loadRuleSet } from '../../src/rules/compile.js';
import { fake } from '../../fixtures/secrets.js';

const detector = new Detector(loadRuleSet());

/** The confidence of the first finding in `line`, as if found at `path`. */
function sureness(line: string, path: string): string {
  const [match] = detector.detectText(Buffer.from(line));
  assert.ok(match, `nothing found in ${line}`);
  const rule = detector.rule(match.ruleId);
  assert.ok(rule);
  return assess(rule, match.secret.reveal(), line, path).confidence;
}

describe('confidence', () => {
  it('orders low < medium < high', () => {
    assert.deepEqual(CONFIDENCES, ['low', 'medium', 'high']);
    assert.ok(moreSure('high', 'medium') && moreSure('medium', 'low') && !moreSure('low', 'low'));
  });

  it('takes a provider format as high, and lowers it a step for a test folder and another for "fake" on the line', () => {
    assert.equal(sureness(`GH_TOKEN=${fake.githubToken}`, 'deploy/ci.env'), 'high');
    assert.equal(sureness(`GH_TOKEN=${fake.githubToken}`, 'test/fixtures/ci.env'), 'medium');
    assert.equal(sureness(`GH_TOKEN=${fake.githubToken} # fake`, 'test/fixtures/ci.env'), 'low');
    assert.equal(sureness(`GH_TOKEN=${fake.githubToken}`, 'docs/setup.md'), 'medium');
  });

  it('takes a value under a secret-named key as medium, low in documentation or examples', () => {
    assert.equal(sureness(`DB_PASSWORD=${fake.password}`, 'config/app.env'), 'medium');
    assert.equal(sureness(`DB_PASSWORD=${fake.password}`, 'config/app.env.example'), 'low');
    assert.equal(sureness(`DB_PASSWORD=${fake.password}`, 'examples/app.env'), 'low');
  });

  it('lowers a step on a comment line, and a secret-named value of plain words (a default or a phrase)', () => {
    assert.equal(sureness(`DB_PASSWORD=${fake.password}`, 'config/app.env'), 'medium');
    assert.equal(sureness(`# DB_PASSWORD=${fake.password}`, 'config/app.env'), 'low');
    assert.equal(sureness(`//registry.acme.io/:_authToken=${fake.githubToken}`, '.npmrc'), 'high', 'an .npmrc setting is no comment');
    assert.equal(sureness(`// GH_TOKEN=${fake.githubToken}`, 'src/ci.ts'), 'medium', 'a provider key in a comment is still reported');
    assert.equal(sureness('SECRET_KEY = "you-will-never-guess-it"', 'app/config.py'), 'low');
    assert.equal(sureness('      POSTGRES_PASSWORD: "postgresadmin"', 'docker-compose.yml'), 'low');
    assert.equal(sureness(`SECRET_KEY = "${fake.password}"`, 'app/config.py'), 'medium', 'digits and symbols make a key');
  });

  it('takes personal data as medium in data files, low as a project\'s own contact data or at example domains', () => {
    assert.equal(sureness(`name,email\nJoana,${fake.email}`, 'data/customers.csv'), 'medium');
    assert.equal(sureness(`  "author": "Joana <${fake.email}>",`, 'package.json'), 'low');
    assert.equal(sureness(`# Copyright 2020 Joana <${fake.email}>`, 'src/index.js'), 'low');
    assert.equal(sureness(`Joana <${fake.email}>`, 'AUTHORS'), 'low');
    assert.equal(sureness(`"email": "${fake.email}"`, 'composer.lock'), 'low');
    assert.equal(sureness(`ADMINS = ['${fake.email}']`, 'app/config.py'), 'low');
    assert.equal(sureness(`{"name": "Joana", "email": "${fake.email}"}`, 'db/users.json'), 'medium');
    assert.equal(sureness(`INSERT INTO users VALUES (1, '${fake.email}');`, 'db/dump.sql'), 'medium');
    // The email rule's placeholders drop most of these already; confidence is the second line of defence.
    const email = detector.rule('email');
    assert.ok(email);
    for (const address of ['joana@example.com', 'joana@shop.test', 'ops@db.invalid', 'deploy@acme-prod.iam.gserviceaccount.com', 'noreply@acme-corp.io']) {
      assert.equal(assess(email, address, `contact,${address}`, 'data/customers.csv').confidence, 'low', address);
    }
  });

  it('takes credentials in a URL to a reserved example host as low', () => {
    assert.equal(sureness(`DATABASE_URL=postgres://app:${fake.dbPassword}@db.internal/app`, 'deploy.sh'), 'high');
    assert.equal(sureness(`DATABASE_URL=postgres://app:${fake.dbPassword}@db.example.com/app`, 'deploy.sh'), 'low');
  });

  it('names where a file is: the kinds of folder, and the kinds of file name', () => {
    assert.deepEqual(placeDoubts('src/app/config.ts'), { folder: [], file: [] });
    assert.deepEqual(placeDoubts('spec/fixtures/keys.json'), { folder: ['in a test folder', 'in a fixtures folder'], file: [] });
    assert.deepEqual(placeDoubts('vendor/lib/x.js'), { folder: ['in vendored code'], file: [] });
    // Perl's and git's test folder, at the top or further down; a folder merely ending in t is not one.
    assert.deepEqual(placeDoubts('t/lib-httpd.sh'), { folder: ['in a test folder'], file: [] });
    assert.deepEqual(placeDoubts('contrib/mw-to-git/t/install-wiki/LocalSettings.php'), { folder: ['in a test folder'], file: [] });
    assert.deepEqual(placeDoubts('at/lib.sh'), { folder: [], file: [] });
    assert.deepEqual(placeDoubts('src/t.sh'), { folder: [], file: [] });
    assert.deepEqual(placeDoubts('src/locales/en.json'), { folder: ['in translations'], file: [] });
    assert.deepEqual(placeDoubts('src/auth.test.ts'), { folder: [], file: ['a test file'] });
    assert.deepEqual(placeDoubts('src/main/java/app/JwtServiceTest.java'), { folder: [], file: ['a test file'] });
    assert.deepEqual(placeDoubts('README.md'), { folder: [], file: ['a template or document'] });
    assert.deepEqual(placeDoubts('examples/http2/keys/test_key.pem'), { folder: ['in an examples folder'], file: ['a test file', 'a test or example key file'] });
    assert.deepEqual(placeDoubts('src/latest.ts'), { folder: [], file: [] }, 'a word merely containing "test" is no test file');
  });

  it('lowers a step for the folder and another for the file name: an example key named test_key.pem is low', () => {
    assert.equal(sureness(fake.privateKey, 'examples/http2/keys/test_key.pem'), 'low');
    assert.equal(sureness(fake.privateKey, 'deploy/keys/server.pem'), 'high');
    assert.equal(sureness(fake.privateKey, 'examples/self_signed_certs/key.pem'), 'low');
    assert.equal(sureness(fake.privateKey, 'ssl/snakeoil.key'), 'medium');
  });
});
