// Issue 15: commit messages and annotated tags' messages are scanned, not only masked. A token pasted
// into a commit body is a finding placed at that commit (path .git/COMMIT_MSG), in every format, in a
// range and in a push; a tag's message likewise (.git/TAG_MSG/<name>, the tag object as its commit);
// both backends agree; the same token in a file and a message is one finding.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { FixtureRepo } from '../../fixtures/repo.js';
import { fake } from '../../fixtures/secrets.js';
import { runHook } from '../../src/integrations/hooks/run.js';
import { annotations } from '../../src/integrations/github.js';
import { commitMessage, parseTag } from '../../src/sources/git/objects.js';
import { tagsOf } from '../../src/sources/messages.js';
import { isMessagePath, messagePlace } from '../../src/model/messages.js';
import { FORMAT_NAMES } from '../../src/report/registry.js';
import { assertNoRawValues, Capture, runCli } from '../helpers/cli.js';
import { redactedFinding } from '../helpers/findings.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  commit: string;
  author: string;
  message: string;
  match: string;
  occurrences: Array<{ commit: string; path: string; line: number }>;
}

const scanJson = async (dir: string, ...args: string[]): Promise<JsonFinding[]> => {
  const run = await runCli(['scan', dir, '-f', 'json', ...args], { env: {} });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return JSON.parse(run.stdout) as JsonFinding[];
};

describe('commit and tag messages', () => {
  const repo = FixtureRepo.create();
  repo.commit('base', { 'README.md': '# x\n' });
  const leaky = repo.commit(`deploy fix\n\nused token ${fake.githubToken} to test`, { 'a.txt': 'a\n' });
  repo.commit('later', { 'b.txt': 'b\n' });
  repo.git('tag', '-a', 'v1.0', '-m', `release\n\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}`);
  const tagOid = repo.git('rev-parse', 'v1.0').trim();

  it('a token in a commit body is a finding at that commit, line and column within the message', async () => {
    const findings = await scanJson(repo.dir);
    const token = findings.find((finding) => finding.ruleId === 'github-token');
    assert.ok(token !== undefined, JSON.stringify(findings));
    assert.equal(token.path, '.git/COMMIT_MSG');
    assert.equal(token.commit, leaky);
    assert.equal(token.line, 3);
    assert.equal(token.column, 12);
    assert.equal(token.message, 'deploy fix');
    assert.match(token.match, /^used token ghp_\*+ to test$/);
  });

  it('an annotated tag\'s message is a finding at the tag: its object, its tagger', async () => {
    const findings = await scanJson(repo.dir);
    const key = findings.find((finding) => finding.ruleId === 'aws-secret-access-key');
    assert.ok(key !== undefined, JSON.stringify(findings));
    assert.equal(key.path, '.git/TAG_MSG/v1.0');
    assert.equal(key.commit, tagOid);
    assert.equal(key.line, 3);
    assert.equal(key.message, 'release');
  });

  it('both backends report the same', async () => {
    const cli = await runCli(['scan', repo.dir, '-f', 'json', '--git-backend', 'cli'], { env: {} });
    const iso = await runCli(['scan', repo.dir, '-f', 'json', '--git-backend', 'isomorphic'], { env: {} });
    assert.equal(iso.stdout, cli.stdout);
  });

  for (const format of FORMAT_NAMES) {
    it(`${format}: names the message's place and shows no raw value`, async () => {
      const run = await runCli(['scan', repo.dir, '-f', format], { env: {} });
      assert.equal(run.code, 1, run.stderr);
      assert.ok(run.stdout.includes('COMMIT_MSG'), `${format} names the commit message`);
      assert.ok(run.stdout.includes('TAG_MSG'), `${format} names the tag message`);
      assertNoRawValues(`${run.stdout}\n${run.stderr}`, format);
    });
  }

  it('SARIF: a physical location at the message path, the result saying which commit', async () => {
    const run = await runCli(['scan', repo.dir, '-f', 'sarif'], { env: {} });
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const result = log.runs[0]?.results.find((entry) => entry.ruleId === 'github-token');
    assert.equal(result?.locations[0]?.physicalLocation.artifactLocation.uri, '.git/COMMIT_MSG');
    assert.equal(result?.locations[0]?.physicalLocation.region.startLine, 3);
    assert.match(result?.message.text ?? '', new RegExp(`in the message of commit ${leaky.slice(0, 10)}`));
  });

  it('GitHub annotations: a message finding has no file, and names the commit', () => {
    const text = annotations([redactedFinding({ path: '.git/COMMIT_MSG', commit: leaky, date: '2026-01-02T00:00:00+00:00' }), redactedFinding({ path: 'a.env' })]);
    const [message, file] = text.split('\n');
    assert.doesNotMatch(message ?? '', /file=|line=/);
    assert.match(message ?? '', new RegExp(`the message of commit ${leaky.slice(0, 10)}`));
    assert.match(file ?? '', /file=a\.env,line=/);
  });

  it('a range reports the messages of its commits only', async () => {
    const inRange = await scanJson(repo.dir, '--range', `${leaky}~1..${leaky}`);
    assert.deepEqual(inRange.map((finding) => [finding.ruleId, finding.path, finding.commit]), [['github-token', '.git/COMMIT_MSG', leaky]]);
    assert.deepEqual(await scanJson(repo.dir, '--range', `${leaky}..HEAD`), []);
  });

  it('pre-push: a token in a pushed commit\'s message blocks; a pushed annotated tag\'s message too', async () => {
    const push = FixtureRepo.create();
    const base = push.commit('base', { 'README.md': '# x\n' });
    push.git('update-ref', 'refs/remotes/origin/main', base);
    const clean = push.commit('clean', { 'a.txt': 'a\n' });
    const run = async (line: string): Promise<{ code: number; text: string }> => {
      const stderr = new Capture();
      const code = await runHook({ type: 'pre-push', remote: 'origin', path: push.dir }, { stderr, stdin: Readable.from([line]) });
      return { code, text: stderr.text };
    };
    push.git('config', 'remote.origin.url', 'https://example.test/x.git');
    assert.equal((await run(`refs/heads/main ${clean} refs/heads/main ${base}\n`)).code, 0);
    const leak = push.commit(`ci\n\nGH_TOKEN=${fake.githubToken}`, { 'b.txt': 'b\n' });
    const blocked = await run(`refs/heads/main ${leak} refs/heads/main ${clean}\n`);
    assert.equal(blocked.code, 1, blocked.text);
    assert.match(blocked.text, /github-token/);
    assert.match(blocked.text, /COMMIT_MSG/);
    assertNoRawValues(blocked.text, 'the pre-push message');
    push.git('update-ref', 'refs/remotes/origin/main', leak);
    push.git('tag', '-a', 'v2', '-m', `v2\n\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}`, leak);
    const tag = push.git('rev-parse', 'v2').trim();
    const tagged = await run(`refs/tags/v2 ${tag} refs/tags/v2 ${'0'.repeat(40)}\n`);
    assert.equal(tagged.code, 1, tagged.text);
    assert.match(tagged.text, /TAG_MSG\/v2/);
    assert.doesNotMatch(tagged.text, /github-token/);
    push.remove();
  });

  it('the same token in a message and a file is one finding, placed at the oldest', async () => {
    const both = FixtureRepo.create();
    const first = both.commit(`note\n\nGH=${fake.githubToken}`, { 'README.md': '# x\n' });
    const second = both.commit('add env', { 'app.env': `GH=${fake.githubToken}\n` });
    const findings = await scanJson(both.dir);
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(findings[0]?.path, '.git/COMMIT_MSG');
    assert.equal(findings[0]?.commit, first);
    assert.deepEqual(findings[0]?.occurrences.map((place) => [place.commit, place.path]), [[second, 'app.env']]);
    both.remove();
  });

  it('a Signed-off-by address in a message is the author\'s contact, below the default floor', async () => {
    const signed = FixtureRepo.create();
    signed.commit(`work\n\nSigned-off-by: Joana <${fake.email}>`, { 'README.md': '# x\n' });
    assert.deepEqual(await scanJson(signed.dir), []);
    signed.remove();
  });

  it('parses stored objects: a commit\'s signature is a header, a tag\'s signature is cut off', () => {
    const commit = Buffer.from('tree 1\nparent 2\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQ\n -----END PGP SIGNATURE-----\n\nsubject\n\nbody\n');
    assert.equal(commitMessage(commit).toString(), 'subject\n\nbody\n');
    const tag = parseTag('t', Buffer.from('object abc\ntype commit\ntag v1\ntagger A B <a@b.c> 1700000000 -0300\n\nmsg\n-----BEGIN PGP SIGNATURE-----\nxyz\n-----END PGP SIGNATURE-----\n'));
    assert.deepEqual({ ...tag, message: tag?.message.toString() }, { oid: 't', name: 'v1', target: 'abc', tagger: 'A B', email: 'a@b.c', time: 1700000000, date: '2023-11-14T19:13:20-03:00', message: 'msg\n' });
  });

  it('names message places; a push reads the ids it sends, a typed range no tags', async () => {
    assert.equal(isMessagePath('.git/COMMIT_MSG'), true);
    assert.equal(isMessagePath('.git/TAG_MSG/v1'), true);
    assert.equal(isMessagePath('src/COMMIT_MSG'), false);
    assert.equal(messagePlace('.git/TAG_MSG/v1', 'abc'), 'the message of tag v1');
    const backend = { annotatedTags: async () => ['t'] } as unknown as Parameters<typeof tagsOf>[0];
    assert.deepEqual(await tagsOf(backend, undefined), ['t']);
    assert.deepEqual(await tagsOf(backend, 'a..b'), []);
    assert.deepEqual(await tagsOf(backend, { revisions: ['a'.repeat(40), '--not', 'b'.repeat(40), '--remotes'], description: 'x' }), ['a'.repeat(40)]);
  });
});
