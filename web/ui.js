// Small DOM helpers and the status vocabulary shared by the pages.
import { _ } from './i18n.js';
export const STATUS_ORDER = ['met', 'on_track', 'acceleration_needed', 'limited_progress', 'deteriorating', 'no_data'];
const STATUS_LABEL = {
  met: _('已达标'), on_track: _('进展顺利'), acceleration_needed: _('需加快推进'),
  limited_progress: _('进展有限'), deteriorating: _('出现倒退'), no_data: _('暂无数据'),
};
export const statusLabel = (s) => STATUS_LABEL[s] || s;

// h('tag', {attr: value}, children...): text children become text nodes,
// so data from the API is never parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === '') continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { el.replaceChildren(); return el; }

// The unit a target's values are read in (qc_value_unit): a change in
// percentage points (pp, 提高2个百分点) is of a rate, whose values are in
// %; a ratio's values (1:1.5) are bare numbers. A relative change (op
// increase, decrease or annual_growth with %: 年均增长11%, 下降13%) is of
// a level in the indicator's own unit (生产总值 in 亿元), which the plan
// does not name: its values are bare numbers too, never "1458.89%".
const RELATIVE_OPS = new Set(['increase', 'decrease', 'annual_growth']);
export function valueUnit(u, op) {
  if (u === '%' && RELATIVE_OPS.has(op)) return '';
  return u === 'pp' ? '%' : u === 'ratio' ? '' : u || '';
}

export function fmt(v) {
  if (v == null) return '—';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}

// A stored moment (UTC, "2026-12-02T14:17:45Z") as the reader's local time
// in Chinese form, "2026年12月2日 22:17": the raw form reads as a code and,
// 8 hours off Beijing time, as the wrong time.
export function timeLabel(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return iso || '—';
  const p2 = (n) => String(n).padStart(2, '0');
  return _('{y}年{m}月{d}日 {hm}', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate(),
    hm: `${p2(d.getHours())}:${p2(d.getMinutes())}` });
}

// The reader's local day of a stored moment, "2026年12月3日": the UTC
// date cut from it is the day before for anything done in Beijing
// between 00:00 and 08:00.
export function dayLabel(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return iso || '—';
  return _('{y}年{m}月{d}日', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
}

// A calendar day ("2025-03-01", a due date: no time, no time zone) as
// people read it, "2025年3月1日".
export function dateLabel(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso || '—';
  return _('{y}年{m}月{d}日', { y: m[1], m: Number(m[2]), d: Number(m[3]) });
}

// Who did it, from the audit's actor ("web:NAME", "cli:NAME"): the person,
// or 命令行 for a command run without a known user.
export function actorLabel(a) {
  const m = /^(web|cli):(.*)$/.exec(a || '');
  if (!m) return a || '—';
  if (m[1] === 'cli') return !m[2] || m[2] === 'unknown' ? _('命令行') : _('{name}（命令行）', { name: m[2] });
  return m[2] === 'anonymous' ? _('未登录用户') : m[2];
}

// The one row of an empty table, saying why it is empty and what to do.
export function emptyRow(cols, text) {
  return h('tr', { class: 'empty' }, h('td', { colspan: cols }, text));
}
