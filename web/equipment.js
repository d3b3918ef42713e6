// 特种设备: the register of special equipment of a region (docs/equipment.md).
// What the office acts on comes first: the figures of the region and year,
// then the units overdue (past their 下次检验日期, or failed and not
// re-inspected: 特种设备安全法 第四十条, not to be used) and those due within
// a calendar month (the user requests the inspection a month before), then
// the whole register with filters. One unit: its history and the form to
// record an inspection.
import { api } from './api.js';
import { h, clear, emptyRow, fmt, dateLabel, timeLabel, actorLabel } from './ui.js';
import { regionNames } from './regions.js';
import { registerScope, pagedTable, figuresCard, figure, pct, fieldForm, importCard } from './register.js';
import { _ } from './i18n.js';

const RESULT = { pass: _('合格'), fail: _('不合格'), pass_on_recheck: _('复检合格') };
const STATES = [['', _('全部')], ['in_use', _('在用')], ['stopped', _('停用')], ['scrapped', _('报废')],
  ['overdue', _('逾期未检')], ['due', _('一个月内到期')]];
const CATEGORIES = [['', _('全部类别')], ['boiler', _('锅炉')], ['pressure_vessel', _('压力容器')], ['gas_cylinder', _('气瓶')],
  ['pressure_piping', _('压力管道')], ['elevator', _('电梯')], ['crane', _('起重机械')], ['ropeway', _('客运索道')],
  ['amusement_ride', _('大型游乐设施')], ['vehicle', _('场(厂)内专用机动车辆')]];
const categoryName = (c) => (CATEGORIES.find(([k]) => k === c) || [c, c])[1];

// Where a unit stands today, in words.
function standing(u) {
  if (u.overdue && u.last_result === 'fail') return _('检验不合格未复检（{n} 天）', { n: u.days_overdue });
  if (u.overdue) return _('逾期 {n} 天', { n: u.days_overdue });
  if (u.due_soon) return _('{date} 前应申请定期检验', { date: dateLabel(u.request_by) });
  return '';
}

function unitRow(u, regionName) {
  return h('tr', { 'data-code': u.code, class: u.overdue ? 'overdue' : u.due_soon ? 'due-soon' : '' },
    h('td', {}, h('a', { href: `#/equipment/${encodeURIComponent(u.code)}` }, u.code)),
    h('td', {}, categoryName(u.category)), h('td', {}, regionName(u.region)), h('td', { class: 'wrap' }, u.user_name),
    h('td', {}, u.status_name), h('td', {}, u.next_due ? dateLabel(u.next_due) : '—'),
    h('td', { class: 'wrap standing' }, standing(u)));
}

const HEAD = [_('注册代码'), _('类别'), _('所在区县'), _('使用单位'), _('状态'), _('下次检验日期'), _('提示')];

function unitTable(id, query, empty, regionName) {
  return pagedTable({ id, path: `/api/equipment?${query}`, head: HEAD, row: unitRow, empty,
    counted: (total) => _('共 {total} 台', { total }), regionName });
}

function figures(f, regionName) {
  return figuresCard('eq-figures', f, regionName,
    figure('fig-in-use', _('在用设备'), _('{n} 台', { n: f.in_use })),
    figure('fig-rate', _('定期检验率'), pct(f.inspection_rate),
      f.due ? _('按期检验 {on_time} / 应检 {due}', { on_time: f.on_time, due: f.due }) : _('本年尚无到期检验')),
    figure('fig-overdue', _('目前逾期未检'), _('{n} 台', { n: f.overdue }), _('含检验不合格未复检')),
    figure('fig-due', _('一个月内到期'), _('{n} 台', { n: f.due_soon }), _('第四十条：届满前一个月申请')),
    figure('fig-accidents', _('万台事故起数'), f.accidents_per_10k == null ? '—' : fmt(f.accidents_per_10k),
      _('事故 {n} 起', { n: f.accidents })),
    figure('fig-deaths', _('万台死亡人数'), f.deaths_per_10k == null ? '—' : fmt(f.deaths_per_10k),
      _('死亡 {n} 人', { n: f.deaths })));
}

async function listPage(ctx, region0) {
  const { app, me, route } = ctx;
  const { region, year, regionName, pickers, counties } = await registerScope(ctx, 'equipment', region0, 'eq');
  const where = region ? `region=${encodeURIComponent(region)}` : '';
  const f = region ? await api('GET', `/api/equipment/figures?${where}&year=${year}`) : null;
  const attention = await unitTable('eq-attention', `${where}&state=attention`,
    _('没有逾期未检或一个月内到期的设备：本地区在用设备均在检验有效期内。'), regionName);
  const state = h('select', { id: 'eq-state', 'aria-label': _('状态') }, STATES.map(([v, l]) => h('option', { value: v }, l)));
  const cat = h('select', { id: 'eq-category', 'aria-label': _('类别') }, CATEGORIES.map(([v, l]) => h('option', { value: v }, l)));
  const listBox = h('div', { id: 'eq-list-box' });
  async function loadList() {
    const q = `${where}${state.value ? `&state=${state.value}` : ''}${cat.value ? `&category=${cat.value}` : ''}`;
    const empty = state.value || cat.value ? _('没有符合筛选条件的设备，可改选状态或类别。')
      : _('本地区尚未登记特种设备：请办公室导入市场监管系统导出的使用登记台账。');
    listBox.replaceChildren(await unitTable('eq-list', q, empty, regionName));
  }
  state.addEventListener('change', loadList);
  cat.addEventListener('change', loadList);
  clear(app).append(h('h2', {}, _('特种设备')), pickers,
    f ? figures(f, regionName) : '',
    h('h3', {}, _('逾期未检与一个月内到期')),
    h('p', { class: 'req' }, _('《特种设备安全法》第四十条：使用单位应在检验合格有效期届满前一个月向检验机构提出定期检验要求；未经定期检验或检验不合格的设备不得继续使用。')),
    attention, h('h3', {}, _('设备登记台账')),
    h('p', { class: 'pickers' }, h('label', { class: 'picker' }, _('状态：'), state), ' ', h('label', { class: 'picker' }, _('类别：'), cat)),
    listBox);
  if (['office', 'admin', 'region'].includes(me.role))
    app.append(importCard({ id: 'eq-import', path: '/api/equipment/import', title: _('导入使用登记台账'),
      hint: _('市场监管系统导出的特种设备使用登记台账（CSV 或 .xlsx）：全部导入或全不导入，有错的行会指出行号和列名；已登记的注册代码予以更新。'), choices: counties, done: route }));
  await loadList();
}

// The inspection form: every bad field the server names is shown by
// its field, and nothing is recorded until all are right.
function inspectForm(u, done) {
  const date = h('input', { id: 'i-date', name: 'date', type: 'date', required: true });
  const result = h('select', { id: 'i-result', name: 'result' }, Object.entries(RESULT).map(([v, l]) => h('option', { value: v }, l)));
  const next = h('input', { id: 'i-next', name: 'next', type: 'date' });
  const errs = { date: h('span', { class: 'field-error', id: 'i-date-error' }), result: h('span', { class: 'field-error', id: 'i-result-error' }),
    next: h('span', { class: 'field-error', id: 'i-next-error' }) };
  const msg = h('p', { class: 'field-error', role: 'alert', id: 'i-msg' });
  const nextL = h('label', {}, _('下次检验日期（检验报告载明）'), next, errs.next);
  result.addEventListener('change', () => { nextL.hidden = result.value === 'fail'; });
  const form = h('form', { id: 'eq-inspect', class: 'card' }, h('h3', {}, _('记录定期检验')),
    h('p', {}, h('label', {}, _('检验日期'), date, errs.date), ' ', h('label', {}, _('检验结论'), result, errs.result), ' ', nextL),
    h('p', {}, h('button', { type: 'submit' }, _('记录'))), msg);
  const body = () => {
    const b = { date: date.value, result: result.value };
    if (result.value !== 'fail' && next.value) b.next = next.value;
    return b;
  };
  return fieldForm(form, errs, msg, body,
    (b) => api('POST', `/api/equipment/${encodeURIComponent(u.code)}/inspections`, b), done);
}

async function unitPage(ctx, code) {
  const { app, me, route } = ctx;
  const u = await api('GET', `/api/equipment/${encodeURIComponent(code)}`);
  const regionName = await regionNames([u.region]);
  const insp = h('table', { id: 'eq-inspections', class: 'list' },
    h('tr', {}, [_('检验日期'), _('结论'), _('应检日期'), _('下次检验日期'), _('记录人'), _('记录时间')].map((x) => h('th', {}, x))),
    u.inspections.map((x) => h('tr', {}, h('td', {}, dateLabel(x.inspected_on)), h('td', {}, RESULT[x.result] || x.result),
      h('td', {}, x.due_on ? dateLabel(x.due_on) : '—'), h('td', {}, x.next_due ? dateLabel(x.next_due) : '—'),
      h('td', {}, actorLabel(x.actor)), h('td', {}, timeLabel(x.recorded_at)))),
    u.inspections.length ? '' : emptyRow(6, _('尚无检验记录：导入台账时只带下次检验日期，检验结果在此记录。')));
  const acc = h('table', { id: 'eq-accidents', class: 'list' },
    h('tr', {}, [_('发生日期'), _('死亡'), _('受伤')].map((x) => h('th', {}, x))),
    u.accidents.map((a) => h('tr', {}, h('td', {}, dateLabel(a.happened_on)), h('td', {}, String(a.deaths)), h('td', {}, String(a.injuries)))),
    u.accidents.length ? '' : emptyRow(3, _('该设备没有事故记录。')));
  const canWrite = ['office', 'admin', 'region'].includes(me.role) && u.status !== 'scrapped';
  clear(app).append(h('p', {}, h('a', { href: '#/equipment' }, _('← 返回特种设备'))),
    h('article', { class: 'card', id: 'eq-unit', 'data-code': u.code },
      h('h2', {}, _('{category} {code}', { category: categoryName(u.category), code: u.code })),
      h('p', {}, _('使用单位：{user}；所在区县：{region}；状态：{status}', { user: u.user_name, region: regionName(u.region), status: u.status_name })),
      h('p', {}, _('使用登记：{registered}；下次检验日期：', { registered: u.registered_on ? dateLabel(u.registered_on) : '—' }),
        h('strong', { id: 'eq-next' }, u.next_due ? dateLabel(u.next_due) : '—'),
        u.request_by && !u.overdue ? _('（应于 {date} 前申请定期检验）', { date: dateLabel(u.request_by) }) : ''),
      standing(u) ? h('p', { class: u.overdue ? 'overdue' : 'due-soon', id: 'eq-standing' }, standing(u)) : ''),
    canWrite ? inspectForm(u, route) : '',
    h('h3', {}, _('检验记录')), h('div', { class: 'scroll' }, insp),
    h('h3', {}, _('事故记录')), h('div', { class: 'scroll' }, acc));
}

export async function equipmentPage(ctx, a, b) {
  if (a === 'region') return listPage(ctx, b);
  if (a) return unitPage(ctx, decodeURIComponent(a));
  return listPage(ctx);
}
