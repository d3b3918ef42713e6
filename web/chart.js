// A target's series against its target line, with the trend projection
// to the due year, drawn with ECharts (copied from node_modules at build).
// The y range always holds the target line, so an off-track card shows
// how far off it is, and the gap at the latest value is labelled. The
// projection is drawn only to a due year after the last actual value.
import * as echarts from '/vendor/echarts.mjs';
import { fmt, valueUnit } from './ui.js';
import { _ } from './i18n.js';

export { echarts };

// Which way is better: 1 higher, -1 lower, 0 neither (=, ~).
const DIRECTION = { '>=': 1, increase: 1, annual_growth: 1, '<=': -1, decrease: -1, zero: -1, '=': 0, '~': 0, between: 0 };

// The levels the target line stands at: the level asked for at the due
// year (for a change, the level it comes to), or both ends of a range.
const LEVEL_OPS = new Set(['>=', '<=', '=', '~']);
export function targetLevels(t) {
  if (t.op === 'between' && t.value != null && t.value_max != null) return [t.value, t.value_max];
  const level = t.required ?? (t.op === 'zero' ? 0 : LEVEL_OPS.has(t.op) ? t.value : null);
  return level == null ? [] : [level];
}

// The unit of a gap: points for a rate; else the values' own unit, none
// for a ratio (超出 0.06, not "0.06ratio") or a relative change's level.
const unitOf = (t) => {
  const u = valueUnit(t.unit, t.op);
  return u === '%' ? _('个百分点') : u;
};

// The gap between the latest value and the target: { text, open } with
// text "差 2.5个百分点", "超出 3次", "已达到" and open when it is still to
// close; null when there is no value or no level.
export function gapOf(t) {
  const levels = targetLevels(t);
  if (t.current == null || !levels.length) return null;
  const v = t.current;
  const u = unitOf(t);
  if (levels.length === 2) {
    if (v < levels[0]) return { text: _('差 {x1}{u}', { x1: fmt(levels[0] - v), u }), open: true, to: levels[0] };
    if (v > levels[1]) return { text: _('超出 {x1}{u}', { x1: fmt(v - levels[1]), u }), open: true, to: levels[1] };
    return { text: _('已在目标区间'), open: false };
  }
  const d = DIRECTION[t.op] ?? 1;
  const gap = levels[0] - v;           // > 0: below the level
  if (Math.abs(gap) < 1e-9 || gap * d < 0) return { text: _('已达到'), open: false };
  if (d === 0) return { text: _('相差 {x1}{u}', { x1: fmt(Math.abs(gap)), u }), open: true, to: levels[0] };
  return { text: d > 0 ? _('差 {gap}{u}', { gap: fmt(gap), u }) : _('超出 {x1}{u}', { x1: fmt(-gap), u }), open: true, to: levels[0] };
}

// A round step for a span: 1, 2 or 5 times a power of ten.
function step(span) {
  const p = 10 ** Math.floor(Math.log10(span));
  const f = span / p;
  return (f <= 1.5 ? 0.2 : f <= 3.5 ? 0.5 : f <= 7.5 ? 1 : 2) * p;
}

// Whether every number in xs is a whole count (个, 项, 家: a prize won,
// brands fostered), whose axis steps by whole numbers: 0.2 of a prize
// means nothing.
export function wholeCounts(xs, unit) {
  const ok = xs.filter((x) => x != null && Number.isFinite(x));
  return unit !== '%' && ok.length > 0 && ok.every(Number.isInteger);
}

// [min, max] of the y axis holding every number in xs, on round steps
// (whole ones for counts), never below 0 for data that are not negative,
// never above 100 for percentages that are not.
export function yRange(xs, unit) {
  const ok = xs.filter((x) => x != null && Number.isFinite(x));
  if (!ok.length) return [undefined, undefined];
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const s = wholeCounts(ok, unit) ? Math.max(1, step(span)) : step(span);
  let min = Math.floor((lo - span * 0.08) / s) * s;
  let max = Math.ceil((hi + span * 0.08) / s) * s;
  if (lo >= 0 && min < 0) min = 0;
  if (unit === '%' && hi <= 100 && max > 100) max = 100;
  const round = (x) => Number(x.toFixed(10));
  return [round(min), round(max)];
}

const yearOf = (period) => parseInt(period, 10);

// Whether the projection is drawn: a projected value for a due year later
// than the year of the last actual value.
export function projectionYear(t) {
  const series = t.series || [];
  const due = t.due || t.year;
  if (t.projected == null || !series.length || !due) return null;
  return due > yearOf(series[series.length - 1].period) ? due : null;
}

export function drawSeries(el, t, small) {
  const series = t.series || [];
  const periods = series.map((p) => p.period);
  const values = series.map((p) => p.value);
  const due = t.due || t.year;
  const projYear = projectionYear(t);
  if (due && !periods.some((p) => yearOf(p) >= due)) periods.push(String(due));
  const levels = targetLevels(t);
  const gap = gapOf(t);
  const lines = levels.map((y, i) => ({
    yAxis: y,
    label: { formatter: i === levels.length - 1 && gap ? _('目标 {y}（{text}）', { y: fmt(y), text: gap.text }) : _('目标 {y}', { y: fmt(y) }) },
  }));
  // The gap itself: a segment from the latest value to the line.
  if (gap && gap.open && series.length) {
    const last = series[series.length - 1];
    lines.push([{ coord: [last.period, last.value], symbol: 'none' },
      { coord: [last.period, gap.to], symbol: 'none', lineStyle: { type: 'solid', width: 2 }, label: { show: false } }]);
  }
  const data = [
    { name: _('实际值'), type: 'line', data: values, symbolSize: small ? 4 : 7,
      markLine: lines.length ? { symbol: 'none', silent: true, lineStyle: { color: '#c0392b', type: 'dashed' },
        label: { position: 'insideEndTop', color: '#c0392b', fontSize: small ? 11 : 13 }, data: lines } : undefined },
  ];
  if (projYear) {
    const proj = periods.map(() => null);
    proj[series.length - 1] = values[values.length - 1];
    proj[periods.indexOf(String(projYear))] = t.projected;
    data.push({ name: _('趋势预测'), type: 'line', data: proj, connectNulls: true,
      lineStyle: { type: 'dotted' }, symbol: 'emptyCircle' });
  }
  const shown = [...values, ...levels, projYear ? t.projected : null];
  const unit = valueUnit(t.unit, t.op);
  const [min, max] = yRange(shown, unit);
  const chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    grid: small ? { left: 44, right: 10, top: 22, bottom: 20 } : { left: 60, right: 30, top: 40, bottom: 64 },
    tooltip: { trigger: 'axis' },
    legend: small ? undefined : { bottom: 0, data: [_('实际值'), _('趋势预测')] },
    xAxis: { type: 'category', data: periods },
    // The unit names the y axis on a card too (%, 个, μg/m3).
    yAxis: { type: 'value', min, max, name: unit, nameGap: small ? 8 : 15,
      nameTextStyle: small ? { fontSize: 11, align: 'right' } : undefined,
      minInterval: wholeCounts(shown, unit) ? 1 : 0 },
    series: data,
  }, true);
  el.dataset.levels = levels.join(',');
  el.dataset.projection = projYear ? String(projYear) : '';
  return chart;
}

// The y extent the chart drew (for tests and the comparison).
export function yExtent(el) {
  const c = echarts.getInstanceByDom(el);
  return c ? c.getModel().getComponent('yAxis', 0).axis.scale.getExtent() : null;
}
