// The forges whose web pages reports can link to: a remote URL becomes the
// repository's web page, and a commit id a link on it. Pure: the remote URL is
// read elsewhere (integrations/forge.ts). What comes out is built from the
// host and the path alone, so credentials in a remote URL (a token in its
// userinfo) never reach a report.

/** How each known forge spells a commit's page after the repository's address. */
const COMMIT_PATHS: Readonly<Record<string, string>> = {
  'github.com': '/commit/',
  'codeberg.org': '/commit/',
  'gitlab.com': '/-/commit/',
  'bitbucket.org': '/commits/',
};

/** SSH front doors of the same forges (ssh over port 443). */
const HOST_ALIASES: Readonly<Record<string, string>> = {
  'ssh.github.com': 'github.com',
  'altssh.gitlab.com': 'gitlab.com',
  'altssh.bitbucket.org': 'bitbucket.org',
};

const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const URL_PROTOCOLS = new Set(['https:', 'http:', 'ssh:', 'git+ssh:', 'ssh+git:', 'git:']);

/**
 * The web page of the repository a remote URL names, when it is on a known forge:
 * `https://github.com/owner/name` from `https://TOKEN@github.com/owner/name.git`,
 * `git@github.com:owner/name.git` or `ssh://git@github.com/owner/name`. Undefined otherwise.
 */
export function forgeWebUrl(remote: string): string | undefined {
  const place = hostAndPath(remote.trim());
  if (place === undefined) return undefined;
  const host = HOST_ALIASES[place.host] ?? place.host;
  if (!Object.hasOwn(COMMIT_PATHS, host)) return undefined;
  const segments = place.path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/');
  // GitLab nests groups (group/subgroup/name); the others are owner/name.
  const fits = host === 'gitlab.com' ? segments.length >= 2 : segments.length === 2;
  if (!fits || !segments.every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment))) return undefined;
  return `https://${host}/${segments.join('/')}`;
}

/** The page of a commit on a forge's repository page (as `forgeWebUrl` gives it); undefined for anything else. */
export function commitUrl(webUrl: string | undefined, oid: string): string | undefined {
  if (webUrl === undefined || !OID.test(oid)) return undefined;
  // Only an address this module could have made is trusted: a library caller may hand over anything.
  if (forgeWebUrl(webUrl) !== webUrl) return undefined;
  const host = new URL(webUrl).hostname;
  return `${webUrl}${COMMIT_PATHS[host] ?? '/commit/'}${oid}`;
}

/** Host (lower case) and path of a URL-form remote or an scp-like one (`user@host:path`); userinfo and port dropped. */
function hostAndPath(remote: string): { host: string; path: string } | undefined {
  if (remote.includes('://')) {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return undefined;
    }
    return URL_PROTOCOLS.has(url.protocol) ? { host: url.hostname.toLowerCase(), path: decodePath(url.pathname) } : undefined;
  }
  const scp = /^(?:[^@/:]+@)?([^@/:]+):(.+)$/.exec(remote);
  return scp === null ? undefined : { host: (scp[1] ?? '').toLowerCase(), path: scp[2] ?? '' };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
