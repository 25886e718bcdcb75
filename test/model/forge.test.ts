// Remote URLs to forge pages, and commit links on them: every spelling git accepts for the four
// forges, never a credential from the URL, nothing for an unknown host or an odd path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitUrl, forgeWebUrl } from '../../src/model/forge.js';

const OID = '0123456789abcdef0123456789abcdef01234567';
// Assembled at run time, like every fixture secret.
const TOKEN = ['gh', 'p_', 'Zr6Tw1Hy5Jd0FgQ7x2Kp9Lm4Vb8Nc3aa11bb'].join('');

describe('forgeWebUrl', () => {
  const cases: ReadonlyArray<[string, string | undefined]> = [
    ['https://github.com/acme/api.git', 'https://github.com/acme/api'],
    ['https://github.com/acme/api', 'https://github.com/acme/api'],
    ['https://github.com/acme/api/', 'https://github.com/acme/api'],
    ['git@github.com:acme/api.git', 'https://github.com/acme/api'],
    ['github.com:acme/api.git', 'https://github.com/acme/api'],
    ['ssh://git@github.com/acme/api.git', 'https://github.com/acme/api'],
    ['ssh://git@ssh.github.com:443/acme/api.git', 'https://github.com/acme/api'],
    ['git+ssh://git@GitHub.com/acme/api.git', 'https://github.com/acme/api'],
    ['http://github.com/acme/api.git', 'https://github.com/acme/api'],
    ['https://gitlab.com/group/subgroup/api.git', 'https://gitlab.com/group/subgroup/api'],
    ['git@gitlab.com:group/api.git', 'https://gitlab.com/group/api'],
    ['git@bitbucket.org:team/repo.git', 'https://bitbucket.org/team/repo'],
    ['https://codeberg.org/forgejo/forgejo.git', 'https://codeberg.org/forgejo/forgejo'],
    ['https://example.com/acme/api.git', undefined],
    ['https://github.example.com/acme/api.git', undefined],
    ['/srv/git/api.git', undefined],
    ['../api', undefined],
    ['file:///srv/git/github.com/acme/api.git', undefined],
    ['https://github.com/acme', undefined],
    ['https://github.com/acme/api/tree/main', undefined],
    ['https://github.com/acme/..', undefined],
    ['https://github.com/acme/a%22b', undefined],
    ['', undefined],
  ];
  for (const [remote, expected] of cases) {
    it(`${remote || '(empty)'} -> ${expected ?? 'none'}`, () => {
      assert.equal(forgeWebUrl(remote), expected);
    });
  }

  it('drops credentials from the URL: a token in the userinfo never comes out', () => {
    for (const remote of [`https://${TOKEN}@github.com/acme/api.git`, `https://x-access-token:${TOKEN}@github.com/acme/api.git`, `https://oauth2:${TOKEN}@gitlab.com/g/api.git`]) {
      const web = forgeWebUrl(remote);
      assert.ok(web !== undefined && web.startsWith('https://'), remote.replace(TOKEN, '****'));
      assert.equal(web.includes(TOKEN), false);
      assert.equal(web.includes('@'), false);
    }
  });
});

describe('commitUrl', () => {
  it('links a commit the way each forge spells it', () => {
    assert.equal(commitUrl('https://github.com/acme/api', OID), `https://github.com/acme/api/commit/${OID}`);
    assert.equal(commitUrl('https://codeberg.org/acme/api', OID), `https://codeberg.org/acme/api/commit/${OID}`);
    assert.equal(commitUrl('https://gitlab.com/g/s/api', OID), `https://gitlab.com/g/s/api/-/commit/${OID}`);
    assert.equal(commitUrl('https://bitbucket.org/team/api', OID), `https://bitbucket.org/team/api/commits/${OID}`);
  });

  it('links nothing without a forge page, a full commit id, or for an address it could not have made', () => {
    assert.equal(commitUrl(undefined, OID), undefined);
    assert.equal(commitUrl('https://github.com/acme/api', ''), undefined);
    assert.equal(commitUrl('https://github.com/acme/api', 'abc123'), undefined);
    assert.equal(commitUrl('https://example.com/acme/api', OID), undefined);
    assert.equal(commitUrl('javascript:alert(1)//github.com/a/b', OID), undefined);
    assert.equal(commitUrl('https://github.com/acme/api/', OID), undefined);
  });
});
