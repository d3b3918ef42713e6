// One client cannot block the rest (docs/web.md, Security): 1 100 slow
// sockets from 127.0.0.2, each trickling a header line every second,
// while 127.0.0.1 keeps getting answers. The server holds at most its
// per-address limit of them, and closes those it holds by the request
// deadline however steadily they trickle. Bounded: 1 100 sockets, at
// most ~30 s.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { demoDb, startServer, cleanup } from './server.mjs';

const SLOW = 1100;
const PER_ADDR = 128;         // src/server/conn.h QC_CONN_PER_ADDR
const DEADLINE_S = 10;        // QC_CONN_REQUEST_SECS
const ANSWER_MS = 8000;       // a normal request must be answered within
                              // (the issue saw 10 s time-outs)
let passed = 0;
function ok(what) { passed++; console.log(`ok ${passed} - ${what}`); }

// GET from a given source address; rejects after ANSWER_MS.
function get(base, path, localAddress) {
  const u = new URL(base + path);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, localAddress,
      agent: false, timeout: ANSWER_MS }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${path} from ${localAddress}: no answer in ${ANSWER_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const { dir, db, env } = demoDb();
const server = await startServer(db, env);
const u = new URL(server.base);
const t0 = Date.now();
const slow = [];
try {
  // ---- the slow sockets ----------------------------------------------------
  for (let i = 0; i < SLOW; i++) {
    const s = { open: false, closedAt: null, connectedAt: null, got: 0 };
    s.sock = net.connect({ host: u.hostname, port: Number(u.port), localAddress: '127.0.0.2' });
    s.sock.on('connect', () => {
      s.open = true;
      s.connectedAt = Date.now();
      s.sock.write('GET /api/health HTTP/1.1\r\nHost: qcity\r\n');
    });
    s.sock.on('data', (d) => { s.got += d.length; });
    s.sock.on('error', () => {});
    s.sock.on('close', () => { s.closedAt = Date.now(); });
    slow.push(s);
  }
  // One header line a second: each byte would restart a plain idle timeout.
  const trickle = setInterval(() => {
    for (const s of slow)
      if (s.open && s.closedAt === null) s.sock.write(`X-Slow-${Date.now() % 100000}: 1\r\n`);
  }, 1000);

  // ---- meanwhile, another address is served --------------------------------
  let answered = 0;
  while (Date.now() - t0 < (DEADLINE_S + 4) * 1000) {
    for (const path of ['/api/health', '/index.html', '/api/regions']) {
      const r = await get(server.base, path, '127.0.0.1');
      assert.ok(r.status === 200 || r.status === 401, `${path}: ${r.status} ${r.body.slice(0, 200)}`);
      answered++;
    }
    await new Promise((res) => setTimeout(res, 300));
  }
  ok(`127.0.0.1 got all ${answered} answers (each within ${ANSWER_MS} ms) while 127.0.0.2 held ${SLOW} slow sockets`);

  // ---- what the server did with the slow ones ------------------------------
  // Still trickling: without the deadline they would live for ever.
  const until = t0 + (DEADLINE_S + 15) * 1000;
  while (slow.some((s) => s.closedAt === null) && Date.now() < until)
    await new Promise((res) => setTimeout(res, 250));
  clearInterval(trickle);
  const held = slow.filter((s) => s.connectedAt && (s.closedAt ?? Date.now()) - s.connectedAt > 2000);
  assert.ok(held.length > 0, 'some slow sockets were accepted at all');
  assert.ok(held.length <= PER_ADDR, `the server held ${held.length} sockets from one address (limit ${PER_ADDR})`);
  ok(`the server held ${held.length} of ${SLOW} sockets from 127.0.0.2 (per-address limit ${PER_ADDR}); the rest were refused`);

  const open = slow.filter((s) => s.closedAt === null);
  assert.equal(open.length, 0, `${open.length} slow sockets still open after ${Math.round((Date.now() - t0) / 1000)} s although they trickled within every timeout`);
  const longest = Math.max(...held.map((s) => s.closedAt - s.connectedAt));
  assert.ok(longest < (DEADLINE_S + 6) * 1000, `a trickling socket lived ${longest} ms (deadline ${DEADLINE_S} s)`);
  assert.ok(held.every((s) => s.got === 0), 'no slow request was answered (it never finished its headers)');
  ok(`every held slow socket was closed by the request deadline (longest ${longest} ms) despite trickling`);

  // The address is served again once its sockets are gone.
  const again = await get(server.base, '/api/health', '127.0.0.2');
  assert.equal(again.status, 200);
  ok('127.0.0.2 is answered again after its slow sockets were closed');
} finally {
  for (const s of slow) s.sock.destroy();
  await server.stop();
  cleanup(dir);
}
console.log(`1..${passed}`);
