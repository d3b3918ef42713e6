// 指标关联: the series plans measure (each indicator as its plan names
// it) and their links to the catalogue, which plan comparison and
// sampling pass rates use. The office confirms a proposed link, sets
// another, or clears it; every change is audited.
import { api } from './api.js';
import { h, clear, fmt } from './ui.js';
import { _ } from './i18n.js';

const KIND = { level: _('水平值'), cumulative: _('累计值'), flow: _('逐期值') };

function range(x) {
  if (x.min == null && x.max == null) return '—';
  return _('{x1}～{x2}', { x1: x.min == null ? '' : fmt(x.min), x2: x.max == null ? '' : fmt(x.max) });
}

function linkCell(x, staff, reload) {
  const state = x.in_catalog ? _('目录指标') : x.catalog ? _('{catalog}（{x2}）', { catalog: x.catalog, x2: x.link === 'confirmed' ? _('已确认') : _('待确认') }) : _('未关联（待确认）');
  if (!staff || x.in_catalog) return h('td', {}, state);
  const input = h('input', { type: 'text', value: x.catalog || '', 'aria-label': _('{name} 关联的目录指标', { name: x.name }), size: 16 });
  const msg = h('span', { class: 'field-error', role: 'alert' });
  const send = async (catalog) => {
    msg.textContent = '';
    try { await api('POST', '/api/indicators/link', { name: x.name, catalog }); reload(); } catch (e) { msg.textContent = e.message; }
  };
  const set = h('button', { type: 'button' }, x.catalog && x.link !== 'confirmed' ? _('确认') : _('关联'));
  set.addEventListener('click', () => send(input.value.trim() || null));
  const clearBtn = h('button', { type: 'button' }, _('取消关联'));
  clearBtn.addEventListener('click', () => send(null));
  return h('td', {}, state, h('br'), input, ' ', set, x.catalog ? [' ', clearBtn] : '', msg);
}

export async function indicatorsPage(app, me) {
  const only = localStorage.getItem('unconfirmed') === '1';
  const r = await api('GET', `/api/indicators${only ? '?unconfirmed=1' : ''}`);
  const staff = me.role === 'office' || me.role === 'admin';
  const reload = () => indicatorsPage(app, me);
  const box = h('input', { type: 'checkbox', checked: only });
  box.addEventListener('change', () => { localStorage.setItem('unconfirmed', box.checked ? '1' : '0'); reload(); });
  clear(app).append(h('h2', {}, _('指标与目录关联')),
    h('p', {}, _('每个目标按方案中的指标名称单独计数；目录关联只用于方案对比和抽检合格率，不会合并数据。')),
    h('label', { class: 'picker' }, box, _('只看待确认的')),
    h('table', { class: 'indicators' },
      h('tr', {}, h('th', {}, _('指标（按方案名称）')), h('th', {}, _('单位')), h('th', {}, _('取值范围')),
        h('th', {}, _('类型')), h('th', {}, _('目标数')), h('th', {}, _('目录关联'))),
      r.indicators.map((x) => h('tr', { 'data-indicator': x.name },
        h('td', {}, x.name), h('td', {}, x.unit === 'ratio' ? _('比值') : x.unit || '—'), h('td', {}, range(x)),
        h('td', {}, KIND[x.kind] || x.kind), h('td', {}, String(x.targets)),
        linkCell(x, staff, reload)))));
}
