// 计量器具: the register of compulsorily verified measuring instruments of
// a region (docs/metrology.md). What the office acts on comes first: the
// figures of the region and year, then the instruments that may not be
// used (计量法 第九条: past the date their certificate is valid until, or
// failed) and those whose date falls within 30 days, then the whole
// register with filters. One instrument: its verifications and the form
// to record one.
import { api } from './api.js';
import { h, clear, emptyRow, dateLabel, timeLabel, actorLabel } from './ui.js';
import { regionNames } from './regions.js';
import { registerScope, pagedTable, figuresCard, figure, pct, fieldForm, importCard } from './register.js';
import { _ } from './i18n.js';

const RESULT = { pass: _('合格'), fail: _('不合格') };
const PURPOSE = { trade: _('贸易结算'), safety: _('安全防护'), medical: _('医疗卫生'), environment: _('环境监测') };
const STATES = [['', _('全部')], ['in_use', _('在用')], ['stopped', _('停用')], ['scrapped', _('报废')],
  ['overdue', _('逾期未检或不合格')], ['failed', _('检定不合格')], ['due', _('30 天内到期')]];

// Where an instrument stands on the day, in words.
function standing(m) {
  if (m.failed) return m.overdue ? _('检定不合格，不得使用（{n} 天）', { n: m.days_overdue }) : _('检定不合格，不得使用');
  if (m.overdue) return _('超过有效期 {n} 天，不得使用', { n: m.days_overdue });
  return '';
}

function row(m, regionName) {
  return h('tr', { 'data-code': m.code, class: m.overdue || m.failed ? 'overdue' : '' },
    h('td', {}, h('a', { href: `#/metrology/${encodeURIComponent(m.code)}` }, m.code)),
    h('td', { class: 'wrap' }, m.kind), h('td', {}, regionName(m.region)), h('td', { class: 'wrap' }, m.owner_name),
    h('td', {}, m.status_name), h('td', {}, m.next_due ? dateLabel(m.next_due) : '—'),
    h('td', { class: 'wrap standing' }, standing(m)));
}

const HEAD = [_('器具编号'), _('器具名称'), _('所在区县'), _('使用单位'), _('状态'), _('有效期至'), _('提示')];

function table(id, query, empty, regionName) {
  return pagedTable({ id, path: `/api/metrology?${query}`, head: HEAD, row, empty,
    counted: (total) => _('共 {total} 件', { total }), regionName });
}

function figures(f, regionName) {
  return figuresCard('mt-figures', f, regionName,
    figure('fig-in-use', _('在用器具'), _('{n} 件', { n: f.in_use })),
    figure('fig-rate', _('强制检定受检率'), pct(f.verification_rate),
      f.due ? _('按期检定 {on_time} / 应检 {due}', { on_time: f.on_time, due: f.due }) : _('本年尚无到期检定')),
    figure('fig-pass', _('检定合格率'), pct(f.pass_rate),
      f.verified ? _('合格 {passed} / 检定 {verified}', { passed: f.passed, verified: f.verified }) : _('本年尚无检定记录')),
    figure('fig-overdue', _('目前不得使用'), _('{n} 件', { n: f.overdue }), _('其中检定不合格 {n} 件', { n: f.failed })),
    figure('fig-due', _('30 天内到期'), _('{n} 件', { n: f.due_soon })));
}

async function listPage(ctx, region0) {
  const { app, me, route } = ctx;
  const { region, year, regionName, pickers, counties } = await registerScope(ctx, 'metrology', region0, 'mt');
  const where = region ? `region=${encodeURIComponent(region)}` : '';
  const f = region ? await api('GET', `/api/metrology/figures?${where}&year=${year}`) : null;
  const late = await table('mt-overdue', `${where}&state=overdue`,
    _('没有逾期未检或检定不合格的器具：本地区在用器具均在检定有效期内。'), regionName);
  const due = await table('mt-due', `${where}&state=due`, _('30 天内没有到期的器具。'), regionName);
  const state = h('select', { id: 'mt-state', 'aria-label': _('状态') }, STATES.map(([v, l]) => h('option', { value: v }, l)));
  const listBox = h('div', { id: 'mt-list-box' });
  async function loadList() {
    const empty = state.value ? _('没有符合筛选条件的器具，可改选状态。')
      : _('本地区尚未登记强检计量器具：请办公室导入强检器具登记备案台账。');
    listBox.replaceChildren(await table('mt-list', `${where}${state.value ? `&state=${state.value}` : ''}`, empty, regionName));
  }
  state.addEventListener('change', loadList);
  clear(app).append(h('h2', {}, _('计量器具')), pickers,
    f ? figures(f, regionName) : '',
    h('h3', {}, _('不得使用的器具')),
    h('p', { class: 'req' }, _('《计量法》第九条：未按照规定申请检定或者检定不合格的，不得使用。')),
    late, h('h3', {}, _('30 天内到期')), due, h('h3', {}, _('强检器具登记台账')),
    h('p', { class: 'pickers' }, h('label', { class: 'picker' }, _('状态：'), state)), listBox);
  if (['office', 'admin', 'region'].includes(me.role))
    app.append(importCard({ id: 'mt-import', path: '/api/metrology/import', title: _('导入强检器具登记备案台账'),
      hint: _('强制检定计量器具登记备案台账（CSV 或 .xlsx）：全部导入或全不导入，有错的行会指出行号和列名；已备案的器具编号予以更新。'), choices: counties, done: route }));
  await loadList();
}

// The verification form: every bad field the server names is shown by
// its field, and nothing is recorded until all are right.
function verifyForm(m, done) {
  const date = h('input', { id: 'v-date', name: 'date', type: 'date', required: true });
  const result = h('select', { id: 'v-result', name: 'result' }, Object.entries(RESULT).map(([v, l]) => h('option', { value: v }, l)));
  const next = h('input', { id: 'v-next', name: 'next', type: 'date' });
  const cert = h('input', { id: 'v-certificate', name: 'certificate', type: 'text', maxlength: 100 });
  const errs = Object.fromEntries(['date', 'result', 'next', 'certificate']
    .map((k) => [k, h('span', { class: 'field-error', id: `v-${k}-error` })]));
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'v-msg' });
  const hint = m.period ? _('（留空按本局确定的检定周期 {months} 个月：{basis}）', { months: m.period.months, basis: m.period.basis }) : '';
  const nextL = h('label', {}, _('有效期至（检定证书载明）'), hint, next, errs.next);
  result.addEventListener('change', () => { nextL.hidden = result.value === 'fail'; });
  const form = h('form', { id: 'mt-verify', class: 'card' }, h('h3', {}, _('记录检定')),
    h('p', {}, h('label', {}, _('检定日期'), date, errs.date), ' ', h('label', {}, _('检定结论'), result, errs.result), ' ', nextL,
      ' ', h('label', {}, _('证书编号'), cert, errs.certificate)),
    h('p', {}, h('button', { type: 'submit' }, _('记录'))), msg);
  const body = () => {
    const b = { date: date.value, result: result.value };
    if (result.value !== 'fail' && next.value) b.next = next.value;
    if (cert.value) b.certificate = cert.value;
    return b;
  };
  return fieldForm(form, errs, msg, body,
    (b) => api('POST', `/api/metrology/${encodeURIComponent(m.code)}/verifications`, b), done);
}

async function instrumentPage(ctx, code) {
  const { app, me, route } = ctx;
  const m = await api('GET', `/api/metrology/${encodeURIComponent(code)}`);
  const regionName = await regionNames([m.region]);
  const checks = h('table', { id: 'mt-verifications', class: 'list' },
    h('tr', {}, [_('检定日期'), _('结论'), _('应检日期'), _('有效期至'), _('证书编号'), _('记录人'), _('记录时间')].map((x) => h('th', {}, x))),
    m.verifications.map((x) => h('tr', {}, h('td', {}, dateLabel(x.verified_on)), h('td', {}, RESULT[x.result] || x.result),
      h('td', {}, x.due_on ? dateLabel(x.due_on) : '—'), h('td', {}, x.next_due ? dateLabel(x.next_due) : '—'),
      h('td', {}, x.certificate || '—'), h('td', {}, actorLabel(x.actor)), h('td', {}, timeLabel(x.recorded_at)))),
    m.verifications.length ? '' : emptyRow(7, _('尚无检定记录：导入台账时只带有效期，检定结果在此记录。')));
  const canWrite = ['office', 'admin', 'region'].includes(me.role) && m.status !== 'scrapped';
  clear(app).append(h('p', {}, h('a', { href: '#/metrology' }, _('← 返回计量器具'))),
    h('article', { class: 'card', id: 'mt-instrument', 'data-code': m.code },
      h('h2', {}, _('{kind} {code}', { kind: m.kind, code: m.code })),
      h('p', {}, _('使用单位：{owner}；所在区县：{region}；状态：{status}；用途：{purpose}', { owner: m.owner_name,
        region: regionName(m.region), status: m.status_name, purpose: PURPOSE[m.purpose] || '—' })),
      h('p', {}, _('规格型号：{model}；出厂编号：{serial}；有效期至：', { model: m.model || '—', serial: m.serial_no || '—' }),
        h('strong', { id: 'mt-next' }, m.next_due ? dateLabel(m.next_due) : '—')),
      standing(m) ? h('p', { class: 'overdue', id: 'mt-standing' }, standing(m)) : ''),
    canWrite ? verifyForm(m, route) : '',
    h('h3', {}, _('检定记录')), h('div', { class: 'scroll' }, checks));
}

export async function metrologyPage(ctx, a, b) {
  if (a === 'region') return listPage(ctx, b);
  if (a) return instrumentPage(ctx, decodeURIComponent(a));
  return listPage(ctx);
}
