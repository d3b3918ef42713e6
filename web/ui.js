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
// %; a ratio's values (1:1.5) are bare numbers.
export function valueUnit(u) {
  return u === 'pp' ? '%' : u === 'ratio' ? '' : u || '';
}

export function fmt(v) {
  if (v == null) return '—';
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
}
