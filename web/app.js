// The qcity web UI: sign-in, the plan dashboard, a target, tasks by unit,
// data entry, the review queue, alerts and the assessment. Pages are
// built from the JSON API with DOM calls (never innerHTML with data).
import { api, setCsrf, ApiError } from './api.js';
import { h, clear, statusLabel, STATUS_ORDER, fmt } from './ui.js';
import { drawSeries } from './chart.js';
import { samplingPage } from './sampling.js';
import { indicatorsPage } from './indicators.js';
import { tokensPage } from './tokens.js';

const app = document.getElementById('app');
let me = null;

async function currentPlan() {
  const plans = await api('GET', '/api/plans');
  const withTargets = plans.filter((p) => p.targets > 0);
  const saved = Number(localStorage.getItem('plan'));
  const plan = plans.find((p) => p.id === saved) || withTargets[0] || plans[0];
  return { plans, plan };
}

function planPicker(plans, plan, onChange) {
  const sel = h('select', { id: 'plan', 'aria-label': '实施方案' },
    plans.map((p) => h('option', { value: p.id, selected: p.id === plan.id },
      `${p.region_name || ''} · ${p.title}`)));
  sel.addEventListener('change', () => {
    localStorage.setItem('plan', sel.value);
    onChange();
  });
  return h('label', { class: 'picker' }, '实施方案：', sel);
}

// ---- sign-in ---------------------------------------------------------------

function loginPage() {
  const msg = h('p', { class: 'error', role: 'alert' });
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true });
  const pw = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { id: 'login', class: 'card narrow' },
    h('h2', {}, '登录'),
    h('label', {}, '用户名', name),
    h('label', {}, '密码', pw),
    h('button', { type: 'submit' }, '登录'), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    try {
      const r = await api('POST', '/api/login', { name: name.value, password: pw.value });
      setCsrf(r.csrf);
      me = r.user;
      showNav();
      location.hash = '#/';
      route();
    } catch (err) {
      msg.textContent = err.status === 403 ? '用户名或密码错误（多次失败后需等待15分钟）' : err.message;
    }
  });
  clear(app).append(form);
  name.focus();
}

function showNav() {
  const nav = document.getElementById('nav');
  nav.hidden = !me;
  if (!me) return;
  for (const a of nav.querySelectorAll('a[data-role]'))
    a.hidden = !a.dataset.role.split(' ').includes(me.role);
  document.getElementById('who').textContent =
    `${me.name}（${{ admin: '管理员', office: '领导小组办公室', unit: me.unit || '成员单位', region: '地区', viewer: '查看' }[me.role]}）`;
}

// ---- dashboard ---------------------------------------------------------------

async function dashboard() {
  const { plans, plan } = await currentPlan();
  const st = await api('GET', `/api/plans/${plan.id}/status?series=1`);
  const counts = h('div', { class: 'counts', id: 'counts' },
    STATUS_ORDER.map((s) => h('span', { class: `chip s-${s}`, 'data-status': s },
      `${statusLabel(s)} ${st.counts[s] || 0}`)));
  const goals = new Map();
  for (const t of st.targets) {
    const g = t.goal || '其他目标';
    if (!goals.has(g)) goals.set(g, []);
    goals.get(g).push(t);
  }
  const sections = [];
  const charts = [];
  for (const [goal, targets] of goals) {
    sections.push(h('section', { class: 'goal' }, h('h3', {}, goal),
      h('div', { class: 'grid' }, targets.map((t) => {
        const chart = h('div', { class: 'chart' });
        charts.push([chart, t]);
        return h('article', { class: `card target s-${t.status}`, 'data-target': t.target },
          h('h4', {}, h('a', { href: `#/target/${plan.id}/${t.target}` }, t.indicator)),
          h('p', { class: 'req' }, `目标：${t.requirement}${t.year ? `（${t.year}年）` : ''}`),
          h('p', {}, `最新：${t.current == null ? '—' : fmt(t.current) + (t.unit || '')}${t.latest_period ? `（${t.latest_period}）` : ''}`),
          h('p', { class: 'status' }, statusLabel(t.status)),
          h('p', { class: 'owners' }, t.owners ? `牵头：${t.owners}` : ''),
          chart);
      }))));
  }
  clear(app).append(
    planPicker(plans, plan, route),
    h('h2', {}, `${st.region_name || ''} 工作目标完成情况`), counts, ...sections);
  for (const [el, t] of charts) drawSeries(el, t, true);
}

// A count whose figures add up: the API's series is the running total
// (what "latest" and the status read), the reported figure beside it.
const running = (t) => (t.series || []).some((p) => p.reported != null && p.reported !== p.value);

async function targetPage(planId, targetId) {
  const t = await api('GET', `/api/plans/${planId}/targets/${targetId}`);
  const chart = h('div', { class: 'chart big' });
  clear(app).append(h('p', {}, h('a', { href: '#/' }, '← 返回工作目标')),
    h('article', { class: `card s-${t.status}` },
      h('h2', {}, t.indicator),
      h('p', {}, `所属目标：${t.goal || '—'}；牵头单位：${t.owners || '—'}`),
      h('p', {}, `目标：${t.requirement}${t.year ? `（${t.year}年）` : ''}`),
      h('p', { class: 'status' }, `状态：${statusLabel(t.status)}`),
      h('p', {}, `依据：${t.reason}`),
      t.projected != null ? h('p', {}, `按趋势预计${t.due || ''}年达到 ${fmt(t.projected)}${t.unit || ''}`) : '',
      chart,
      h('table', {}, h('tr', {}, h('th', {}, '期间'), h('th', {}, '数值'),
        running(t) ? h('th', {}, '累计（状态按此计算）') : ''),
        t.series.map((p) => h('tr', {}, h('td', {}, p.period), h('td', {}, fmt(p.reported ?? p.value)),
          running(t) ? h('td', {}, fmt(p.value)) : '')))));
  drawSeries(chart, t, false);
}

// ---- tasks -------------------------------------------------------------------

const TASK_LABEL = { late: '逾期', not_reported: '未报送', on_time: '按期推进', done: '已完成' };
const TASK_ORDER = ['late', 'not_reported', 'on_time', 'done'];

async function tasksPage() {
  const { plans, plan } = await currentPlan();
  const tasks = await api('GET', `/api/plans/${plan.id}/tasks`);
  const byUnit = new Map();
  for (const t of tasks) {
    const u = t.unit || '未明确牵头单位';
    if (!byUnit.has(u)) byUnit.set(u, []);
    byUnit.get(u).push(t);
  }
  const late = (l) => l.filter((t) => t.state === 'late').length;
  const units = [...byUnit].sort((a, b) => late(b[1]) - late(a[1]));
  clear(app).append(planPicker(plans, plan, route), h('h2', {}, '工作任务（按牵头单位，逾期在前）'),
    ...units.map(([unit, list]) => h('section', { class: 'card' },
      h('h3', {}, `${unit}${late(list) ? `（逾期 ${late(list)} 项）` : ''}`),
      h('ul', { class: 'tasks' }, list.sort((a, b) => TASK_ORDER.indexOf(a.state) - TASK_ORDER.indexOf(b.state))
        .map((t) => h('li', { class: `t-${t.state}` },
          h('span', { class: 'tag' }, TASK_LABEL[t.state] || t.state), ' ',
          `${t.title || t.key}`, t.due ? `（完成时限 ${t.due}）` : '',
          t.last_period ? `；最近报送 ${t.last_period}` : ''))))));
}

// ---- data entry ----------------------------------------------------------------

const STATE_LABEL = { submitted: '已提交，待审核', accepted: '已审核通过（已锁定）', returned: '已退回', reopened: '已重新开放' };

// Full-width digits and points (９８．５) are typed often; read them as numbers.
const halfWidth = (s) => s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function validate(input, row) {
  const v = halfWidth(input.value.trim());
  if (v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return '请输入数字，例如 98.5';
  if (row.unit === '%' && (n < 0 || n > 100)) return '百分比应在 0 到 100 之间';
  if (n < 0) return '不能为负数';
  return '';
}

async function entryPage() {
  const { plans, plan } = await currentPlan();
  let unitId = me.unit_id;
  const head = [planPicker(plans, plan, route)];
  if (me.role !== 'unit') {
    const units = await api('GET', `/api/units?region=${encodeURIComponent(plan.region || '')}`);
    const saved = Number(localStorage.getItem('unit'));
    unitId = (units.find((u) => u.id === saved) || units[0] || {}).id;
    const sel = h('select', { id: 'unit' }, units.map((u) => h('option', { value: u.id, selected: u.id === unitId }, u.name)));
    sel.addEventListener('change', () => { localStorage.setItem('unit', sel.value); route(); });
    head.push(h('label', { class: 'picker' }, '填报单位：', sel));
  }
  const period = localStorage.getItem('period') || String(plan.period_end || new Date().getFullYear() - 1);
  const pin = h('input', { id: 'period', value: period, size: 8 });
  pin.addEventListener('change', () => { localStorage.setItem('period', pin.value.trim()); route(); });
  head.push(h('label', { class: 'picker' }, '统计期间：', pin));
  const f = await api('GET', `/api/plans/${plan.id}/entry?unit=${unitId}&period=${encodeURIComponent(period)}`);
  const locked = f.state === 'accepted' || f.state === 'submitted';
  const msg = h('p', { class: 'notice', id: 'entry-msg', role: 'status' });
  const rows = f.targets.map((t) => {
    const input = h('input', { class: 'value', inputmode: 'decimal', 'data-target': t.target,
      value: t.value == null ? '' : String(t.value), disabled: locked, 'aria-label': t.indicator });
    const err = h('span', { class: 'field-error' });
    input.addEventListener('input', () => { err.textContent = validate(input, t); });
    return { t, input, err, tr: h('tr', {}, h('td', {}, t.goal || ''), h('td', {}, t.indicator),
      h('td', {}, t.requirement), h('td', {}, input, ' ', t.unit || '', err)) };
  });
  const save = h('button', { id: 'save', type: 'button', disabled: locked }, '保存');
  const submit = h('button', { id: 'submit', type: 'button', disabled: locked }, '提交审核');
  save.addEventListener('click', async () => {
    let bad = 0, saved = 0;
    for (const r of rows) {
      r.err.textContent = validate(r.input, r.t);
      if (r.err.textContent) bad++;
    }
    if (bad) { msg.textContent = `有 ${bad} 项需要更正`; return; }
    for (const r of rows) {
      const v = halfWidth(r.input.value.trim());
      if (v === '' || Number(v) === r.t.value) continue;
      try {
        await api('POST', '/api/values', { indicator: r.t.canonical, region: f.region, period: f.period,
          value: Number(v), reporter: f.unit });
        r.t.value = Number(v);
        saved++;
      } catch (e) { r.err.textContent = e.message; bad++; }
    }
    msg.textContent = bad ? `有 ${bad} 项未保存` : `已保存 ${saved} 项`;
  });
  submit.addEventListener('click', async () => {
    try {
      await api('POST', '/api/submissions', { unit_id: f.unit_id, period: f.period });
      msg.textContent = '已提交，等待领导小组办公室审核';
      route();
    } catch (e) { msg.textContent = e.message; }
  });
  clear(app).append(...head, h('h2', {}, `${f.unit} · ${f.period} 数据填报`),
    h('p', { id: 'entry-state' }, f.state ? `审核状态：${STATE_LABEL[f.state]}${f.reason ? `；原因：${f.reason}` : ''}` : '审核状态：未提交'),
    f.targets.length ? h('table', { class: 'entry' },
      h('tr', {}, h('th', {}, '目标'), h('th', {}, '指标'), h('th', {}, '目标值'), h('th', {}, '本期数值')),
      rows.map((r) => r.tr)) : h('p', {}, '本单位在该方案中没有牵头的指标。'),
    h('p', {}, save, ' ', submit), msg);
}

// ---- review --------------------------------------------------------------------

async function reviewPage() {
  const list = await api('GET', '/api/submissions');
  const staff = me.role === 'office' || me.role === 'admin';
  const act = async (x, what, body = {}) => {
    try { await api('POST', `/api/submissions/${x.id}/${what}`, body); route(); }
    catch (e) { alert(e.message); }
  };
  clear(app).append(h('h2', {}, staff ? '审核队列' : '本单位的提交'),
    list.length ? h('table', { id: 'review' },
      h('tr', {}, ['单位', '期间', '状态', '数值', '进展报告', '提交人', '操作'].map((x) => h('th', {}, x))),
      list.map((x) => {
        const reason = h('input', { class: 'reason', placeholder: '退回原因' });
        const ops = [];
        if (staff && x.state === 'submitted') {
          const ok = h('button', { class: 'accept', type: 'button' }, '通过');
          ok.addEventListener('click', () => act(x, 'accept'));
          const back = h('button', { class: 'return', type: 'button' }, '退回');
          back.addEventListener('click', () => {
            if (!reason.value.trim()) { reason.focus(); reason.placeholder = '请填写退回原因'; return; }
            act(x, 'return', { reason: reason.value.trim() });
          });
          ops.push(ok, ' ', reason, back);
        } else if (staff && x.state === 'accepted') {
          const re = h('button', { class: 'reopen', type: 'button' }, '重新开放');
          re.addEventListener('click', () => act(x, 'reopen', {}));
          ops.push(re);
        }
        return h('tr', { 'data-id': x.id, 'data-unit': x.unit },
          h('td', {}, x.unit), h('td', {}, x.period),
          h('td', { class: 'state' }, STATE_LABEL[x.state] + (x.reason ? `：${x.reason}` : '')),
          h('td', {}, String(x.values)), h('td', {}, String(x.reports)),
          h('td', {}, x.submitted_by || ''), h('td', {}, ops));
      })) : h('p', {}, '没有待审核的提交。'));
}

// ---- alerts and assessment ---------------------------------------------------------

const ALERT_LABEL = { off_track: '目标偏离', report_overdue: '报送逾期', task_late: '任务逾期',
  value_range: '数值超出范围', value_unit: '计量单位不一致', value_jump: '数值异常波动' };

// The office acknowledges an alert it has acted on; it stays listed, marked.
function ackCell(plan, a) {
  if (a.acked_by) return h('td', { class: 'acked' }, `已处理：${a.acked_by}${a.ack_note ? `（${a.ack_note}）` : ''}`);
  if (me.role !== 'office' && me.role !== 'admin') return h('td', {});
  const note = h('input', { 'aria-label': '处理说明', size: 10, placeholder: '处理说明' });
  const btn = h('button', { type: 'button', class: 'ack' }, '已处理');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      await api('POST', `/api/plans/${plan.id}/alerts/ack`, { kind: a.kind, subject: a.subject,
        region: a.region || undefined, period: a.period || undefined, note: note.value || undefined });
      route();
    } catch (err) { btn.disabled = false; btn.title = err.message; }
  });
  return h('td', {}, note, btn);
}

async function alertsPage() {
  const { plans, plan } = await currentPlan();
  const list = await api('GET', `/api/plans/${plan.id}/alerts`);
  const open = list.filter((a) => !a.acked_by).length;
  clear(app).append(planPicker(plans, plan, route), h('h2', {}, `预警（${open} 条待处理，共 ${list.length} 条）`),
    h('table', { id: 'alerts' }, h('tr', {}, ['类别', '级别', '对象', '期间', '原因', '相关单位', '处理'].map((x) => h('th', {}, x))),
      list.map((a) => h('tr', { class: `sev-${a.severity}${a.acked_by ? ' done' : ''}` }, h('td', {}, ALERT_LABEL[a.kind] || a.kind),
        h('td', {}, ['', '提示', '警告', '严重'][a.severity] || ''), h('td', {}, a.subject || ''),
        h('td', {}, a.period || ''), h('td', {}, a.reason || ''), h('td', {}, a.people || ''), ackCell(plan, a)))));
}

async function assessmentPage() {
  const { plans, plan } = await currentPlan();
  const year = Number(localStorage.getItem('year')) || plan.period_end || new Date().getFullYear() - 1;
  const a = await api('GET', `/api/plans/${plan.id}/assessment?year=${year}`);
  const yin = h('input', { id: 'year', value: year, size: 6 });
  yin.addEventListener('change', () => { localStorage.setItem('year', yin.value); route(); });
  clear(app).append(planPicker(plans, plan, route), h('label', { class: 'picker' }, '考评年度：', yin),
    h('h2', {}, `${a.year}年度绩效考评（${a.scheme || '默认评分细则'}）`),
    ...a.subjects.map((s) => h('details', { class: 'card' },
      h('summary', {}, `第${s.rank}名 ${s.name} — ${fmt(s.score)}分 ${s.grade}${s.vetoed ? '（一票否决）' : ''}`),
      h('table', {}, h('tr', {}, ['考评项目', '得分', '满分', '来源', '评分依据'].map((x) => h('th', {}, x))),
        s.items.map((l) => h('tr', {}, h('td', {}, l.name || l.item), h('td', {}, fmt(l.points)),
          h('td', {}, l.max ? fmt(l.max) : '—'), h('td', {}, l.source || ''), h('td', {}, l.reason || '')))))));
}

// ---- routing ---------------------------------------------------------------------

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  if (!me) {
    try {
      const r = await api('GET', '/api/me');
      me = r.user;
      setCsrf(r.csrf);
    } catch { me = null; }
  }
  showNav();
  if (!me) return loginPage();
  try {
    switch (parts[0]) {
      case 'target': return await targetPage(parts[1], parts[2]);
      case 'tasks': return await tasksPage();
      case 'entry': return await entryPage();
      case 'review': return await reviewPage();
      case 'alerts': return await alertsPage();
      case 'assessment': return await assessmentPage();
      case 'sampling': return await samplingPage(app, me, (await currentPlan()).plan);
      case 'indicators': return await indicatorsPage(app, me);
      case 'tokens': return await tokensPage(app);
      default: return await dashboard();
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { me = null; return loginPage(); }
    clear(app).append(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('POST', '/api/logout', {}); } catch { /* already out */ }
  me = null;
  setCsrf(null);
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
route();
