// Load for `make trials` and `make soak`, against a `qcity serve` on
// 127.0.0.1 with the demo accounts (password qcity-demo). Every request
// goes to BASE only; each mode is bounded in time or in count.
//   node load.mjs writes BASE ACKED [CONC]
//       values written with POST /api/values by CONC writers (default 4),
//       each new (indicator, region, period), until the server is gone;
//       each acknowledged write is appended to ACKED as
//       "indicator\tregion\tperiod\tvalue" before the next one is sent.
//   node load.mjs peak BASE SECS CONC
//       the mix below as fast as CONC clients go: prints "peak R" (req/s).
//   node load.mjs soak BASE SECS RATE INTERVAL [PID]
//       the mix at RATE req/s (open loop: requests start on schedule
//       whatever the answers' pace), one line per INTERVAL seconds:
//       "t=… n=… errors=… p50=… p99=… max=…" (ms) and the RSS of process
//       PID (the server), then a total line.
// The mix: 4 reads in 5 (plan status, tasks, alerts, the audit log, the
// unit's entry form) and 1 write (a value, as the office).
import { appendFileSync, readFileSync } from 'node:fs';

const [mode, base, ...rest] = process.argv.slice(2);
const PW = 'qcity-demo';

async function call(method, path, { body, token, cookie, csrf } = {}) {
  const headers = {};
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

async function token(name) {
  const r = await call('POST', '/api/login', { body: { name, password: PW } });
  if (r.status !== 200) throw new Error(`login ${name}: ${r.status} ${r.text}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const t = await call('POST', '/api/tokens', { body: { name: 'load' }, cookie, csrf: r.json.csrf });
  if (t.status !== 201) throw new Error(`token ${name}: ${t.status} ${t.text}`);
  return t.json.token;
}

// What a writer may write: an indicator of plan 1 and the unit's region.
async function fixtures() {
  const office = await token('office');
  const unit = await token('unit');
  const entry = await call('GET', '/api/plans/1/entry?period=2019', { token: unit });
  if (entry.status !== 200) throw new Error(`entry: ${entry.text}`);
  // The series' own name (issue 11), not the catalogue entry it links to.
  return { office, unit, indicator: entry.json.targets[0].indicator, region: entry.json.region };
}

// Distinct periods, month by month from 2101-01 to 2200-12: never a value
// already there in the demo (which ends in the 2020s).
function period(k) {
  return `${2101 + Math.floor(k / 12)}-${String(1 + (k % 12)).padStart(2, '0')}`;
}

async function writes(acked, conc) {
  const f = await fixtures();
  let next = 0;
  const writer = async () => {
    for (;;) {
      const k = next++;
      if (k >= 1200) return;        // bounded: 2101-01 … 2200-12
      const p = period(k);
      const value = (k % 97) + 0.5;    // within a rate's 0–100
      let r;
      try {
        r = await call('POST', '/api/values', { token: f.office,
          body: { indicator: f.indicator, region: f.region, period: p, value } });
      } catch { return; }           // the server is gone
      if (r.status === 200 || r.status === 201)
        appendFileSync(acked, `${f.indicator}\t${f.region}\t${p}\t${value}\n`);
      else if (r.status >= 500) return;
    }
  };
  await Promise.all(Array.from({ length: conc }, writer));
}

// One request of the mix; k numbers it (every 5th is a write).
function mixRequest(f, k, seq) {
  switch (k % 5) {
    case 0: return call('GET', '/api/plans/1/status', { token: f.office });
    case 1: return call('GET', '/api/plans/1/tasks', { token: f.office });
    case 2: return call('GET', '/api/plans/1/alerts', { token: f.office });
    case 3: return call('GET', '/api/plans/1/entry?period=2019', { token: f.unit });
    default: return call('POST', '/api/values', { token: f.office, body: {
      indicator: f.indicator, region: f.region, period: period(seq.n++ % 1200),
      value: k % 100 } });   // within a rate's 0–100: no refusals
  }
}

function pct(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function peak(secs, conc) {
  const f = await fixtures();
  const seq = { n: 0 };
  let k = 0, done = 0, errors = 0;
  const end = Date.now() + secs * 1000;
  const client = async () => {
    while (Date.now() < end) {
      try {
        const r = await mixRequest(f, k++, seq);
        if (r.status >= 400) errors++;
      } catch { errors++; }
      done++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: conc }, client));
  const rate = done / ((Date.now() - t0) / 1000);
  console.log(`peak ${rate.toFixed(1)} req/s (${done} requests, ${errors} errors, ${conc} clients, ${secs} s)`);
}

function rss(pid) {
  if (!pid) return '';
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return m ? ` rss=${(Number(m[1]) / 1024).toFixed(1)}MB` : '';
  } catch { return ''; }
}

async function soak(secs, rate, interval, pid) {
  const f = await fixtures();
  const seq = { n: 0 };
  const t0 = Date.now();
  const end = t0 + secs * 1000;
  let lat = [], errors = 0, n = 0, inflight = 0, k = 0;
  let all = [], allErrors = 0, slot = 1;
  const pending = new Set();
  const flush = (now) => {
    lat.sort((a, b) => a - b);
    console.log(`t=${Math.round((now - t0) / 1000)}s n=${n} errors=${errors} ` +
      `p50=${pct(lat, 0.5).toFixed(1)} p99=${pct(lat, 0.99).toFixed(1)} ` +
      `max=${(lat[lat.length - 1] || 0).toFixed(1)} ms inflight=${inflight}${rss(pid)}`);
    all = all.concat(lat);
    allErrors += errors;
    lat = []; errors = 0; n = 0;
  };
  const fire = () => {
    const start = performance.now();
    inflight++;
    const p = mixRequest(f, k++, seq).then((r) => {
      if (r.status >= 400) errors++;
    }, () => { errors++; }).finally(() => {
      inflight--; n++;
      lat.push(performance.now() - start);
      pending.delete(p);
    });
    pending.add(p);
  };
  // Requests start on a fixed schedule (open loop), bounded in flight.
  let sent = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - t0) / 1000) * rate);
    // Below the server's 128 connections per address (QC_CONN_PER_ADDR):
    // one client address past it is refused by design, not by load.
    while (sent < due && inflight < 100) { fire(); sent++; }
    if (Date.now() - t0 >= slot * interval * 1000) { flush(Date.now()); slot++; }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all([...pending]);
  flush(Date.now());
  all.sort((a, b) => a - b);
  console.log(`total n=${all.length} errors=${allErrors} p50=${pct(all, 0.5).toFixed(1)} ` +
    `p99=${pct(all, 0.99).toFixed(1)} max=${(all[all.length - 1] || 0).toFixed(1)} ms ` +
    `rate=${(all.length / ((Date.now() - t0) / 1000)).toFixed(1)} req/s`);
}

if (mode === 'writes') await writes(rest[0], Number(rest[1] || 4));
else if (mode === 'peak') await peak(Number(rest[0]), Number(rest[1]));
else if (mode === 'soak') await soak(Number(rest[0]), Number(rest[1]), Number(rest[2]), rest[3]);
else { console.error('usage: load.mjs writes|peak|soak BASE ...'); process.exit(2); }
