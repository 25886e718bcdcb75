// One repository holding every history shape a full scan must cover, built
// with the real git CLI. Expected findings are listed beside the steps that
// create them.
import { FixtureRepo } from './repo.js';
import { fake } from './secrets.js';

export interface HistoryFixture {
  repo: FixtureRepo;
  /** Commit ids by the name of the step that made them. */
  commits: Record<string, string>;
}

export function buildHistoryFixture(): HistoryFixture {
  const repo = FixtureRepo.create();
  const commits: Record<string, string> = {};

  // A secret added, kept through later edits, then removed.
  commits.addConfig = repo.commit('add config', {
    'config/app.env': `APP_NAME=shop\nAWS_ACCESS_KEY_ID=${fake.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`,
    'README.md': 'shop\n',
  });
  commits.editConfig = repo.commit('tune config', {
    'config/app.env': `APP_NAME=shop2\nAWS_ACCESS_KEY_ID=${fake.awsKeyId}\nAWS_SECRET_ACCESS_KEY=${fake.awsSecret}\n`,
  });
  commits.removeConfig = repo.commit('remove keys', { 'config/app.env': 'APP_NAME=shop2\n' });

  // Personal data: an email and a valid CPF are findings; wrong and repeated CPFs are not.
  commits.customers = repo.commit('customer fixtures', {
    'data/customers.csv': `name,email,cpf\nJoana,${fake.email},${fake.cpfValid}\nBad,x,${fake.cpfInvalid}\nRep,y,${fake.cpfRepeated}\n`,
  });

  // CRLF line endings: the password is on line 3.
  commits.crlf = repo.commit('windows settings', { 'win/settings.ini': `[db]\r\nhost=db1\r\npassword=${fake.password}\r\n` });

  // A file renamed without change: one finding, at the original path and commit.
  commits.addDeploy = repo.commit('deploy script', { 'scripts/deploy.sh': `#!/bin/sh\nexport DATABASE_URL=postgres://app:${fake.dbPassword}@db.internal/app\n` });
  repo.git('mv', 'scripts/deploy.sh', 'scripts/deploy-prod.sh');
  commits.renameDeploy = repo.commit('move deploy script');

  // A branch that was never merged.
  repo.git('checkout', '-q', '-b', 'feature/unmerged');
  commits.unmerged = repo.commit('try github api', { 'tools/gh.py': `TOKEN = "${fake.githubToken}"\n` });
  repo.git('checkout', '-q', 'main');

  // A commit reachable only from an annotated tag (its branch is deleted).
  repo.git('checkout', '-q', '-b', 'release-tmp');
  commits.tagged = repo.commit('release keys', { 'keys/release.pem': `${fake.privateKey}\n` });
  repo.git('tag', '-a', 'v1.0-keys', '-m', 'release');
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-q', '-D', 'release-tmp');

  // A commit reachable only from a remote-tracking ref.
  repo.git('checkout', '-q', '-b', 'remote-only');
  commits.remoteOnly = repo.commit('remote work', { 'ops/notes.txt': `token ${fake.otherGithubToken}\n` });
  repo.git('update-ref', 'refs/remotes/origin/remote-only', 'HEAD');
  repo.git('checkout', '-q', 'main');
  repo.git('branch', '-q', '-D', 'remote-only');

  // A secret that exists only in a merge commit's conflict resolution.
  repo.commit('base merge file', { 'merge.txt': 'value=base\n' });
  repo.git('checkout', '-q', '-b', 'left');
  repo.commit('left side', { 'merge.txt': 'value=left\n' });
  repo.git('checkout', '-q', 'main');
  repo.commit('main side', { 'merge.txt': 'value=main\n' });
  try {
    repo.git('merge', '-q', '--no-edit', 'left');
  } catch {
    // Expected conflict: resolve it with content neither side had.
  }
  repo.write('merge.txt', `value=resolved\nsenha=${fake.password}Z\n`);
  repo.git('add', 'merge.txt');
  repo.git('commit', '-q', '--no-edit');
  commits.merge = repo.git('rev-parse', 'HEAD');

  return { repo, commits };
}
