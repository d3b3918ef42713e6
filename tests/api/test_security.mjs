// Credentials, headers and input (docs/web.md, Security): the security
// headers on every kind of response, 400 for invalid UTF-8 anywhere, the
// password rules over the API, API tokens (expiry, listing without the
// token, last use, revocation, revoked by a password change, audited with
// the address), TLS with a self-signed certificate and the Secure cookie
// (directly and behind a trusted proxy).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import net from 'node:net';
import { demoDb, startServer, cleanup, QCITY } from './server.mjs';

const PW = 'qcity-demo';
let base;
let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

async function call(method, path, { body, token, cookie, csrf, headers: extra } = {}) {
  const headers = { ...extra };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers,
    body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

async function login(name, password = PW, headers = {}) {
  const r = await call('POST', '/api/login', { body: { name, password }, headers });
  assert.equal(r.status, 200, `login ${name}: ${r.text}`);
  const cookie = r.headers.get('set-cookie');
  return { cookie: cookie.split(';')[0], setCookie: cookie, csrf: r.json.csrf, user: r.json.user };
}

// A request written byte by byte (fetch refuses invalid bytes in a URL
// or header); returns the status code.
function rawStatus(bytes) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port) }, () => s.write(bytes));
    let out = '';
    s.on('data', (d) => { out += d.toString('latin1'); });
    s.on('error', reject);
    s.on('close', () => resolve(Number((out.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1] || 0)));
    s.setTimeout(10000, () => s.destroy());
  });
}

function cli(args, input) {
  return execFileSync(QCITY, ['--db', db, ...args], { env, input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
base = server.base;
const extra = [];
try {
  // ---- headers on every kind of response -------------------------------------
  const kinds = {
    'API answer': await call('GET', '/api/health'),
    'API error (401)': await call('GET', '/api/plans'),
    'API error (404)': await call('GET', '/api/nothing'),
    'static file': await call('GET', '/index.html'),
    'static 404': await call('GET', '/missing.html'),
  };
  for (const [what, r] of Object.entries(kinds)) {
    const csp = r.headers.get('content-security-policy') || '';
    for (const d of ["frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "default-src 'self'"])
      assert.ok(csp.includes(d), `${what}: CSP lacks ${d}: ${csp}`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
    assert.equal(r.headers.get('referrer-policy'), 'same-origin', what);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', what);
    assert.equal(r.headers.get('strict-transport-security'), null, `${what}: no HSTS over http`);
  }
  ok('CSP with frame-ancestors, base-uri, form-action; nosniff and Referrer-Policy on API answers, errors and static files');

  // ---- invalid UTF-8 anywhere is 400, never 500 ----------------------------------
  const admin = await login('admin');
  const host = 'Host: qcity\r\n';
  const bad = {
    'path (API)': Buffer.from(`GET /api/\xff HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 'latin1'),
    'path (API, %-encoded)': `GET /api/plans/%C3%28 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    'path (static)': `GET /%FF.html HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    'query': `GET /api/regions?parent=%E4%B8 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    'query name': `GET /api/health?%FF=1 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`,
    'header value': Buffer.from(`GET /api/health HTTP/1.1\r\n${host}X-Note: \xc3\x28\r\nConnection: close\r\n\r\n`, 'latin1'),
    'cookie': Buffer.from(`GET /api/me HTTP/1.1\r\n${host}Cookie: qc_session=\xff\xfe\r\nConnection: close\r\n\r\n`, 'latin1'),
  };
  for (const [what, req] of Object.entries(bad))
    assert.equal(await rawStatus(req), 400, `invalid UTF-8 in the ${what}`);
  // Another application's cookie on the same host is none of ours.
  assert.equal(await rawStatus(Buffer.from(`GET /api/health HTTP/1.1\r\n${host}Cookie: other=\xff; x=1\r\nConnection: close\r\n\r\n`, 'latin1')), 200,
    'a foreign cookie with other bytes is ignored');
  const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
  const b = await rawStatus(Buffer.concat([Buffer.from(`POST /api/login HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]));
  assert.equal(b, 400, 'invalid UTF-8 in a JSON body');
  const v = Buffer.from('{"indicator":"\xed\xa0\x80","region":"230900","period":"2019","value":1}', 'latin1');
  const sur = await rawStatus(Buffer.concat([Buffer.from(`POST /api/values HTTP/1.1\r\n${host}Content-Type: application/json\r\nCookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\nContent-Length: ${v.length}\r\nConnection: close\r\n\r\n`), v]));
  assert.equal(sur, 400, 'an encoded surrogate in a JSON body');
  ok(`invalid UTF-8 in the path, query, a header, the session cookie or the body is 400 (${Object.keys(bad).length + 2} cases); other cookies are not ours`);

  // ---- password rules for every account, the demo's excepted -----------------
  for (const [pw, why] of [['12345678', 'short'], ['baseball1234', 'a dictionary word'], ['sec_admin2-larch', 'the user name']]) {
    const r = await call('POST', '/api/users', { cookie: admin.cookie, csrf: admin.csrf,
      body: { name: 'sec_admin2', password: pw, role: 'admin' } });
    assert.equal(r.status, 400, `${why}: ${r.text}`);
    assert.match(r.json.error, /^密码：/);
  }
  const good = await call('POST', '/api/users', { cookie: admin.cookie, csrf: admin.csrf,
    body: { name: 'sec_admin2', password: 'amber-kettle-seventy', role: 'admin' } });
  assert.equal(good.status, 201, good.text);
  assert.throws(() => cli(['user', 'passwd', 'admin'], '12345678\n'), /密码/);
  for (const role of ['admin', 'office', 'unit', 'region', 'viewer']) await login(role);
  ok('an admin password 12345678, a dictionary word or the name is refused (API and CLI); the demo accounts keep qcity-demo');

  // ---- API tokens ---------------------------------------------------------------
  const office = await login('office');
  const made = await call('POST', '/api/tokens', { cookie: office.cookie, csrf: office.csrf, body: { name: 'nightly', days: 2 } });
  assert.equal(made.status, 201, made.text);
  assert.match(made.json.token, /^[0-9a-f]{64}$/);
  const days = (Date.parse(made.json.expires_at) - Date.now()) / 86400000;
  assert.ok(days > 1.9 && days <= 2, `expires in ${days} days`);
  assert.equal((await call('POST', '/api/tokens', { cookie: office.cookie, csrf: office.csrf, body: { name: 'x', days: 9999 } })).status, 400);
  const tok = made.json.token;
  assert.equal((await call('GET', '/api/me', { token: tok })).json.user.name, 'office');
  let list = await call('GET', '/api/tokens', { token: tok });
  assert.equal(list.status, 200);
  assert.ok(!list.text.includes(tok), 'the token is shown once, never listed');
  const mine = list.json.find((t) => t.id === made.json.id);
  assert.equal(mine.name, 'nightly');
  assert.ok(mine.last_used_at, 'the last use is recorded');
  assert.equal(mine.revoked_at, null);
  assert.ok(list.json.every((t) => t.user === 'office'), 'a user lists only their own');
  assert.equal((await call('GET', '/api/tokens?all=1', { token: tok })).status, 403);
  const all = await call('GET', '/api/tokens?all=1', { cookie: admin.cookie });
  assert.ok(all.json.some((t) => t.id === made.json.id), 'an admin lists everyone\'s');
  // Someone else cannot revoke it; its owner can, and it stops at once
  // (the cache keyed on the data version does not keep it alive).
  const viewer = await login('viewer');
  assert.equal((await call('POST', `/api/tokens/${made.json.id}/revoke`, { cookie: viewer.cookie, csrf: viewer.csrf, body: {} })).status, 404);
  assert.equal((await call('GET', '/api/me', { token: tok })).status, 200);
  const rv = await call('POST', `/api/tokens/${made.json.id}/revoke`, { cookie: office.cookie, csrf: office.csrf, body: {} });
  assert.equal(rv.status, 200, rv.text);
  assert.equal((await call('GET', '/api/me', { token: tok })).status, 401);
  list = await call('GET', '/api/tokens', { cookie: office.cookie });
  assert.ok(list.json.find((t) => t.id === made.json.id).revoked_at);
  ok('API tokens: expiry (1–365 days), listed without the token, last use recorded, revoked by their owner only, refused at once after');

  // A new password revokes every token of the user (CLI), and ends sessions.
  const t2 = (await call('POST', '/api/tokens', { cookie: office.cookie, csrf: office.csrf, body: { name: 'backup' } })).json.token;
  assert.equal((await call('GET', '/api/me', { token: t2 })).status, 200);
  cli(['user', 'passwd', 'office'], 'cobalt-river-forty-one\n');
  assert.equal((await call('GET', '/api/me', { token: t2 })).status, 401);
  assert.equal((await call('GET', '/api/me', { cookie: office.cookie })).json.user?.name ?? null, null);
  const cliTok = cli(['user', 'token', 'create', 'viewer', '--name', 'cron', '--days', '1']).split('\n')[0];
  assert.equal((await call('GET', '/api/me', { token: cliTok })).json.user.name, 'viewer');
  const cliId = JSON.parse(cli(['--json', 'user', 'token', 'list', 'viewer']))[0].id;
  cli(['user', 'token', 'revoke', String(cliId)]);
  assert.equal((await call('GET', '/api/me', { token: cliTok })).status, 401);
  ok('a password change revokes all the user\'s tokens; qcity user token create/list/revoke');

  const audit = await call('GET', '/api/audit?entity=api_token&limit=50', { cookie: admin.cookie });
  const made1 = audit.json.find((a) => a.action === 'create' && a.key === String(made.json.id));
  const rev1 = audit.json.find((a) => a.action === 'revoke' && a.key === String(made.json.id));
  assert.ok(made1 && rev1, audit.text.slice(0, 300));
  assert.equal(rev1.actor, 'web:office');
  assert.match(JSON.stringify(made1.after), /127\.0\.0\.1/);
  assert.ok(!audit.text.includes(tok), 'the audit log never holds a token');
  ok('token creation and revocation are audited with who and the address');

  // Sign-in time does not tell whether a user exists: both check a hash.
  const time = async (name) => { const t = process.hrtime.bigint(); await call('POST', '/api/login', { body: { name, password: 'not the password' } }); return Number(process.hrtime.bigint() - t) / 1e6; };
  await time('no_such_user');   // the first makes the dummy hash
  const known = await time('region'), unknown = await time('no_such_user2');
  console.log(`# sign-in refused: known user ${known.toFixed(0)} ms, unknown user ${unknown.toFixed(0)} ms`);

  // ---- TLS, and the Secure cookie -----------------------------------------------
  assert.ok(!admin.setCookie.includes('Secure'), 'no Secure over plain http');
  const key = join(dir, 'key.pem'), cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const tls = await startServer(db, env, ['--tls-cert', cert, '--tls-key', key]);
  extra.push(tls);
  assert.match(tls.base, /^https:/);
  const curl = (args) => execFileSync('curl', ['-sk', '-D', '-', '-o', '/dev/null', ...args]).toString();
  const h = curl([`${tls.base}/api/health`]);
  assert.match(h, /^HTTP\/1\.1 200/);
  assert.match(h, /strict-transport-security: max-age=/i);
  const lh = curl(['-H', 'Content-Type: application/json', '--data', JSON.stringify({ name: 'viewer', password: PW }), `${tls.base}/api/login`]);
  assert.match(lh, /set-cookie: qc_session=[0-9a-f]{64};[^\r\n]*; Secure/i);
  assert.throws(() => execFileSync('curl', ['-s', '--max-time', '5', `${tls.base}/api/health`], { stdio: 'ignore' }), 'the certificate is checked without -k');
  ok('qcity serve --tls-cert/--tls-key serves https (self-signed, curl -k) with HSTS and a Secure session cookie');

  // Behind a trusted proxy: X-Forwarded-Proto from it alone counts.
  const proxied = await startServer(db, env, ['--trusted-proxy', '127.0.0.1']);
  extra.push(proxied);
  const viaProxy = async (b, headers) => {
    const r = await fetch(`${b}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ name: 'viewer', password: PW }) });
    return r.headers.get('set-cookie') || '';
  };
  assert.match(await viaProxy(proxied.base, { 'X-Forwarded-Proto': 'https' }), /; Secure/);
  assert.doesNotMatch(await viaProxy(proxied.base, {}), /Secure/);
  assert.doesNotMatch(await viaProxy(base, { 'X-Forwarded-Proto': 'https' }), /Secure/, 'no trusted proxy: the header is ignored');
  ok('behind --trusted-proxy, X-Forwarded-Proto: https gives the Secure cookie; from anyone else it is ignored');
} finally {
  for (const s of extra) await s.stop();
  await server.stop();
  cleanup(dir);
}
console.log(`1..${passed}`);
