// A labelled evaluation set: a generated git history with planted,
// format-valid fake secrets and personal data (the positives, each labelled
// with where it was planted) among decoys that a good scanner stays quiet on:
// git SHAs, UUIDs, lockfile integrity hashes, source maps, data URIs, public
// keys, documented example keys, numbers with wrong check digits, placeholders.
// Values are random per build (seeded), not copies of the rules' own examples.
import { prng } from '../helpers/random.js';
import { FixtureRepo } from '../helpers/repo.js';

export interface EvalLabel {
  path: string;
  line: number;
  /** Rule ids that may report it; the first names the family and category. */
  rules: string[];
  category: 'secret' | 'pii';
}


const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const URLSAFE = `${ALNUM}_-`;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

class Values {
  readonly #rand: () => number;
  constructor(seed: number) {
    this.#rand = prng(seed);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#rand() * items.length)] as T;
  }
  int(below: number): number {
    return Math.floor(this.#rand() * below);
  }
  str(chars: string, length: number): string {
    return Array.from({ length }, () => chars[this.int(chars.length)]).join('');
  }
  digits(length: number): number[] {
    return Array.from({ length }, () => this.int(10));
  }
  cpf(valid = true): string {
    const d = this.digits(9);
    for (const n of [9, 10]) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += (d[i] as number) * (n + 1 - i);
      d.push(((sum * 10) % 11) % 10);
    }
    if (!valid) d[10] = ((d[10] as number) + 1) % 10;
    const s = d.join('');
    return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
  }
  cnpj(valid = true): string {
    const d = [...this.digits(8), 0, 0, 0, 1];
    for (const n of [12, 13]) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += (d[n - 1 - i] as number) * (2 + (i % 8));
      const rest = sum % 11;
      d.push(rest < 2 ? 0 : 11 - rest);
    }
    if (!valid) d[13] = ((d[13] as number) + 1) % 10;
    const s = d.join('');
    return `${s.slice(0, 2)}.${s.slice(2, 5)}.${s.slice(5, 8)}/${s.slice(8, 12)}-${s.slice(12)}`;
  }
  card(prefix: string, length: number, valid = true): string {
    const d = [...prefix].map(Number);
    while (d.length < length - 1) d.push(this.int(10));
    let check = 0;
    for (let c = 0; c < 10; c += 1) {
      const all = [...d, c];
      let sum = 0;
      all.reverse().forEach((x, i) => {
        let v = x;
        if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
        sum += v;
      });
      if (sum % 10 === 0) check = c;
    }
    d.push(valid ? check : (check + 1) % 10);
    return d.join('').replace(/(\d{4})(?=\d)/g, '$1 ');
  }
  iban(): string {
    const bban = this.digits(18).join('');
    const numeric = `${bban}1314` + '00'; // D=13, E=14
    let rest = 0;
    for (const digit of numeric) rest = (rest * 10 + Number(digit)) % 97;
    return `DE${String(98 - rest).padStart(2, '0')}${bban}`;
  }
  uuid(): string {
    return [8, 4, 4, 4, 12].map((n) => this.str(HEX, n)).join('-');
  }
  b64(length: number): string {
    return this.str(`${ALNUM}+/`, length);
  }
}

interface Plant {
  text: string;
  /** Each entry is one planted value: the rule ids that may report it. */
  values?: string[][];
  category?: 'secret' | 'pii';
}

/** Files of the history: each a list of lines, some of them planted. */
function files(v: Values): Map<string, Plant[]> {
  const j = (...parts: string[]): string => parts.join('');
  const secret = (text: string, ...rules: string[]): Plant => ({ text, values: [rules], category: 'secret' });
  /** A line of personal data: one planted value per rule named. */
  const pii = (text: string, ...rules: string[]): Plant => ({ text, values: rules.map((rule) => [rule]), category: 'pii' });
  const plain = (text: string): Plant => ({ text });
  const out = new Map<string, Plant[]>();
  out.set('.env.production', [
    plain('# production settings'),
    secret(`AWS_ACCESS_KEY_ID=${j('AK', 'IA', v.str(BASE32, 16))}`, 'aws-access-key-id'),
    secret(`AWS_SECRET_ACCESS_KEY=${v.b64(40)}`, 'aws-secret-access-key'),
    secret(`DATABASE_URL=postgres://app:${v.str(ALNUM, 14)}@db.prod.internal:5432/app`, 'url-credentials'),
    secret(`STRIPE_SECRET_KEY=${j('sk_', 'live_', v.str(ALNUM, 99))}`, 'stripe-sk-live'),
    secret(`SENDGRID_API_KEY=${j('SG', '.', v.str(URLSAFE, 22), '.', v.str(URLSAFE, 43))}`, 'sendgrid-api-key'),
    secret(`SLACK_BOT_TOKEN=${j('xo', 'xb-', v.str('0123456789', 12), '-', v.str('0123456789', 13), '-', v.str(ALNUM, 24))}`, 'slack-xoxb'),
    secret(`OPENAI_API_KEY=${j('sk-', 'proj-', v.str(URLSAFE, 74), 'T3Blbk', 'FJ', v.str(URLSAFE, 74))}`, 'openai-api-key'),
    secret(`DB_PASSWORD=${v.str(ALNUM, 10)}!${v.int(100)}`, 'generic-password', 'ini-password'),
    plain('LOG_LEVEL=info'),
    plain('DB_PASSWORD_FILE=/run/secrets/db'),
    plain(`API_KEY=\${API_KEY}`),
  ]);
  out.set('config/settings.yml', [
    plain('server:'),
    plain('  port: 8080'),
    secret(`  github_token: ${j('gh', 'p_', v.str(ALNUM, 36))}`, 'github-token'),
    secret(`  gitlab_token: ${j('gl', 'pat-', v.str(URLSAFE, 20))}`, 'gitlab-pat'),
    secret(`  npm_token: ${j('np', 'm_', v.str(ALNUM, 36))}`, 'npm-token'),
    secret(`  datadog_api_key: ${v.str(HEX, 32)}`, 'datadog-api-key'),
    secret(`  sentry_dsn: https://${v.str(HEX, 32)}@o${v.int(999999)}.ingest.sentry.io/${v.int(99999)}`, 'sentry-dsn'),
    secret(`  password: "${v.str(ALNUM, 12)}#"`, 'generic-password'),
    plain('  password: "${DB_PASSWORD}"'),
    plain('  password: changeme'),
    plain(`  commit: ${v.str(HEX, 40)}`),
    plain(`  request_id: ${v.uuid()}`),
  ]);
  out.set('src/client.py', [
    plain('import os'),
    plain('from getpass import getpass'),
    secret(`HF_TOKEN = "${j('hf', '_', v.str('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34))}"`, 'huggingface-token'),
    secret(`ANTHROPIC_KEY = "${j('sk-', 'ant-', 'api03-', v.str(URLSAFE, 93), 'AA')}"`, 'anthropic-api-key'),
    secret(`client = Client(api_key="${j('AI', 'za', v.str(URLSAFE, 35))}")`, 'google-api-key'),
    plain('password = os.environ["DB_PASSWORD"]'),
    plain('password = getpass()'),
    plain('token = request.headers.get("Authorization")'),
    plain(`EXAMPLE_KEY = "${j('AK', 'IA', 'IOSFODNN7', 'EXAMPLE')}"`),
    plain(`SHA = "${v.str(HEX, 40)}"`),
    secret(`secret_key = '${v.str(`${ALNUM}!@#%^&*`, 50)}'`, 'generic-secret', 'django-secret-key'),
  ]);
  out.set('src/app.ts', [
    plain("import { createHash } from 'node:crypto';"),
    secret(`const twilioAuthToken = '${v.str(HEX, 32)}';`, 'twilio-auth-token'),
    secret(`const webhook = 'https://hooks.slack.com/services/T${v.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${v.str('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${v.str(ALNUM, 24)}';`, 'slack-webhook'),
    secret(`const jwt = '${j('ey', 'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9')}.${j('ey', 'J', v.str(URLSAFE, 40))}.${v.str(URLSAFE, 43)}';`, 'jwt'),
    plain('const password: string = input.password;'),
    plain('const token = await getToken();'),
    plain(`const hash = '${v.str(HEX, 64)}';`),
    plain(`const id = '${v.uuid()}';`),
    plain(`const logo = 'data:image/png;base64,${v.b64(120)}';`),
    plain('const deps = { "@scope/pkg": "npm:@scope/pkg@1.2.3" };'),
  ]);
  out.set('deploy/secret.yaml', [
    plain('apiVersion: v1'),
    plain('kind: Secret'),
    plain('data:'),
    secret(`  password: ${Buffer.from(`${v.str(ALNUM, 14)}!`).toString('base64')}`, 'kubernetes-secret-data', 'generic-password'),
    secret(`  api-token: ${Buffer.from(v.str(ALNUM, 32)).toString('base64')}`, 'kubernetes-secret-data', 'generic-secret'),
    plain('  username: YWRtaW4='),
  ]);
  out.set('deploy/app-config.yaml', [
    plain('apiVersion: v1'),
    plain('kind: ConfigMap'),
    plain('binaryData:'),
    secret(`  settings.ini: ${Buffer.from(`[mail]\nhost = smtp.acme.io\nsmtp_password = "${v.str(ALNUM, 12)}#${v.int(100)}"\n`).toString('base64')}`, 'generic-password'),
    plain(`  logo.png: ${v.b64(200)}`),
  ]);
  out.set('web/callback.html', [
    plain('<a href="https://app.acme.io/login">login</a>'),
    secret(`<a href="https://app.acme.io/cb?next=${encodeURIComponent(`https://api.acme.io/?token=${j('gh', 'p_', v.str(ALNUM, 36))}&x=1`)}">continue</a>`, 'github-token'),
    plain(`<a href="https://app.acme.io/search?q=${encodeURIComponent('hello world & friends / ok')}">search</a>`),
  ]);
  out.set('docker/config.json', [
    plain('{'),
    secret(`  "auths": { "registry.acme.io": { "auth": "${Buffer.from(`ci:${v.str(ALNUM, 16)}`).toString('base64')}" } }`, 'docker-config-auth'),
    plain('}'),
  ]);
  out.set('keys/deploy_key', [
    secret(j('-----BEGIN OPENSSH ', 'PRIVATE KEY-----'), 'private-key'),
    ...Array.from({ length: 6 }, () => plain(v.b64(70))),
    plain(j('-----END OPENSSH ', 'PRIVATE KEY-----')),
  ]);
  out.set('keys/deploy_key.pub', [plain(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${v.b64(43)} deploy@ci`)]);
  out.set('keys/cert.pem', [
    plain('-----BEGIN CERTIFICATE-----'),
    ...Array.from({ length: 5 }, () => plain(v.b64(64))),
    plain('-----END CERTIFICATE-----'),
  ]);
  out.set('scripts/deploy.sh', [
    plain('#!/bin/sh'),
    plain('set -eu'),
    secret(`mysqldump -h db.internal -u backup -p${v.str(ALNUM, 10)}9 app > app.sql`, 'command-line-password'),
    secret(`curl -fsS -u deploy:${v.str(ALNUM, 14)} https://ci.acme.io/hooks/deploy`, 'command-line-password'),
    secret(`docker run -d -e POSTGRES_PASSWORD=${v.str(ALNUM, 12)}7 postgres:16`, 'container-env-secret'),
    plain('mysql -u root -p app'),
    plain('curl -u "$CI_USER:$CI_TOKEN" https://ci.acme.io'),
    plain('docker run -e POSTGRES_PASSWORD="$PG_PASSWORD" postgres:16'),
  ]);
  out.set('src/Data/Db.cs', [
    secret(`var cs = "Server=db.internal;Database=app;User Id=app;Password=${v.str(ALNUM, 12)}!;";`, 'connection-string-password'),
    plain('var fromConfig = configuration.GetConnectionString("Default");'),
  ]);
  out.set('ops/.netrc', [secret(`machine api.acme.io login deploy password ${v.str(ALNUM, 16)}`, 'netrc-password')]);
  out.set('ops/.pgpass', [secret(`db.internal:5432:app:app_user:${v.str(ALNUM, 16)}`, 'pgpass-line')]);
  out.set('ops/.htpasswd', [secret(`admin:$apr1$${v.str(ALNUM, 8)}$${v.str(`${ALNUM}./`, 22)}`, 'htpasswd-hash')]);
  out.set('ops/terraform.tfvars', [
    secret(`do_token = "${j('dop', '_v1_', v.str(HEX, 64))}"`, 'digitalocean-token'),
    secret(`tfe_token = "${v.str(ALNUM, 14)}.${j('atlas', 'v1')}.${v.str(URLSAFE, 67)}"`, 'terraform-cloud-token'),
    secret(`vault_token = "${j('hv', 's.', v.str(URLSAFE, 95))}"`, 'hashicorp-vault-service-token'),
    plain('region = "us-east-1"'),
  ]);
  out.set('web/wp-config.php', [
    plain('<?php'),
    secret(`define( 'DB_PASSWORD', '${v.str(ALNUM, 14)}' );`, 'wp-config-password'),
    plain("define( 'AUTH_KEY', 'put your unique phrase here' );"),
  ]);
  out.set('data/clientes.csv', [
    plain('nome;email;cpf;cnpj;telefone;cartao;iban'),
    ...Array.from({ length: 8 }, (_, i) =>
      pii(`Cliente ${i};cliente${i}.${v.str('abcdefghijklmnopqrstuvwxyz', 5)}@provedor.com.br;${v.cpf()};${v.cnpj()};(11) 9${v.str('0123456789', 4)}-${v.str('0123456789', 4)};${v.card('4', 16)};${v.iban()}`,
        'email', 'cpf', 'cnpj', 'br-phone', 'payment-card', 'iban')),
    plain(`Invalido;x;${v.cpf(false)};${v.cnpj(false)};(10) 91234-5678;${v.card('4', 16, false)};DE00${v.str('0123456789', 18)}`),
    plain('Repetido;y;111.111.111-11;00.000.000/0000-00;(11) 99999-9999;4111 1111 1111 1111;x'),
  ]);
  out.set('docs/CONTRIBUTING.md', [
    plain('Send patches to maintainers@example.com or open a pull request.'),
    plain('Clone with git@github.com:acme/app.git and run `npm install @acme/tool@2.1.0`.'),
    plain('Icons: logo@2x.png, logo@3x.png.'),
    plain('Commits by 12345+octocat@users.noreply.github.com are squashed.'),
    pii(`Security contact: ${v.str('abcdefghijklmnopqrstuvwxyz', 6)}.${v.str('abcdefghijklmnopqrstuvwxyz', 5)}@acme-corp.io`, 'email'),
    plain('Use `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` in examples only.'),
    plain('Set `password: <YOUR_PASSWORD>` in your local config.'),
  ]);
  out.set('package-lock.json', [
    plain('{'),
    ...Array.from({ length: 6 }, () => plain(`  "integrity": "sha512-${v.b64(86)}==",`)),
    plain(`  "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz"`),
    plain('}'),
  ]);
  out.set('dist/app.js.map', [plain(`{"version":3,"sources":["app.ts"],"mappings":"${v.str(`${ALNUM}+/;,`, 400)}"}`)]);
  return out;
}

/** Builds the evaluation repository in a fresh temp directory; returns it with its labels. */
export function buildEvalSet(seed = 7): { repo: FixtureRepo; labels: EvalLabel[] } {
  const v = new Values(seed);
  const repo = FixtureRepo.create('leakwatch-eval-');
  const labels: EvalLabel[] = [];
  const all = [...files(v)];
  // A history: files arrive a few at a time, some are edited later (secrets move down a line),
  // one is deleted; the scanner must find each planted value at the commit that added it.
  for (let at = 0; at < all.length; at += 3) {
    const batch = all.slice(at, at + 3);
    const content: Record<string, string> = {};
    for (const [path, plants] of batch) {
      content[path] = `${plants.map((p) => p.text).join('\n')}\n`;
      plants.forEach((plant, index) => {
        for (const rules of plant.values ?? []) labels.push({ path, line: index + 1, rules, category: plant.category ?? 'secret' });
      });
    }
    repo.commit(`add ${batch.map(([path]) => path).join(', ')}`, content);
    // An edit that keeps every planted line: a new first line pushes them down, which must not add findings.
    const [firstPath, firstPlants] = batch[0] as [string, Plant[]];
    repo.commit(`edit ${firstPath}`, { [firstPath]: `# edited\n${firstPlants.map((p) => p.text).join('\n')}\n` });
  }
  repo.git('rm', '-q', 'ops/.netrc');
  repo.commit('remove netrc');
  return { repo, labels };
}
