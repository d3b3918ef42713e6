// 追溯: the subjects and products of a region enrolled on traceability
// platforms (docs/traceability.md). The figures the plans set targets on
// come first — subjects and products enrolled, and the share of the
// above-scale food producers enrolled (《食品安全法》第四十二条) — then the
// register with filters, and the import of a platform's export.
import { api } from './api.js';
import { h, clear, dateLabel } from './ui.js';
import { registerScope, pagedTable, figure, pct, importCard } from './register.js';
import { _ } from './i18n.js';

const STATES = [['', _('全部')], ['active', _('正常')], ['cancelled', _('已注销')]];

function row(t, regionName) {
  return h('tr', { 'data-id': t.id },
    h('td', { class: 'wrap' }, t.subject_name), h('td', {}, t.subject_type_name), h('td', {}, t.category_name),
    h('td', { class: 'wrap' }, t.product || '—'), h('td', {}, String(t.products)),
    h('td', { class: 'wrap' }, t.platform), h('td', {}, regionName(t.region)),
    h('td', {}, dateLabel(t.enrolled_on)), h('td', {}, t.status_name));
}

const HEAD = [_('主体名称'), _('主体类型'), _('行业类别'), _('追溯产品'), _('产品数'), _('追溯平台'),
  _('所在区县'), _('入驻日期'), _('状态')];

function figures(f, regionName) {
  const c = f.food_coverage;
  return h('section', { class: 'card', id: 'tr-figures' },
    h('h3', {}, _('{region}（截至 {day}）', { region: regionName(f.region) || f.region, day: dateLabel(f.as_of) })),
    h('div', { class: 'figures' },
      figure('fig-subjects', _('入驻主体'), _('{n} 家', { n: f.subjects })),
      figure('fig-products', _('追溯产品'), _('{n} 个', { n: f.products }), _('产品线 {n} 条', { n: f.lines })),
      figure('fig-coverage', _('规模以上食品生产企业入驻率'), pct(c.rate),
        c.producers ? _('已入驻 {covered} / 共 {producers} 家', c) : _('企业登记中没有规模以上食品生产企业')),
      figure('fig-cancelled', _('已注销'), _('{n} 条', { n: f.cancelled }))));
}

export async function traceabilityPage(ctx, a, b) {
  const { app, me, route } = ctx;
  const { region, year, regionName, pickers, counties } = await registerScope(ctx, 'traceability', a === 'region' ? b : null, 'tr');
  // A past year as of its 31 December, this year as of today.
  const asOf = year < new Date().getFullYear() ? `&as_of=${year}-12-31` : '';
  const where = `${region ? `region=${encodeURIComponent(region)}` : ''}${asOf}`;
  const f = region ? await api('GET', `/api/traceability/figures?${where}`) : null;
  const state = h('select', { id: 'tr-state', 'aria-label': _('状态') }, STATES.map(([v, l]) => h('option', { value: v }, l)));
  const listBox = h('div', { id: 'tr-list-box' });
  async function loadList() {
    const empty = state.value ? _('没有符合筛选条件的记录，可改选状态。')
      : _('本地区尚无入驻追溯平台的主体：请办公室导入追溯平台的主体清单。');
    listBox.replaceChildren(await pagedTable({ id: 'tr-list',
      path: `/api/traceability?${where}${state.value ? `&state=${state.value}` : ''}`, head: HEAD, row, empty,
      counted: (total) => _('共 {total} 条', { total }), regionName }));
  }
  state.addEventListener('change', loadList);
  clear(app).append(h('h2', {}, _('追溯体系')), pickers, f ? figures(f, regionName) : '',
    h('h3', {}, _('入驻主体与产品')),
    h('p', { class: 'pickers' }, h('label', { class: 'picker' }, _('状态：'), state)), listBox);
  if (['office', 'admin', 'region'].includes(me.role))
    app.append(importCard({ id: 'tr-import', path: '/api/traceability/import', title: _('导入追溯平台主体清单'),
      hint: _('追溯平台导出的入驻主体及产品清单（CSV 或 .xlsx）：全部导入或全不导入，有错的行会指出行号和列名；同一平台、主体和产品予以更新。'),
      choices: counties, done: route }));
  await loadList();
}
