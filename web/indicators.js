// 指标关联: the series plans measure (each indicator as its plan names
// it) and their links to the catalogue, which plan comparison and
// sampling pass rates use. The office confirms a proposed link, sets
// another, or clears it; every change is audited.
import { api } from './api.js';
import { h, clear, fmt } from './ui.js';

const KIND = { level: '水平值', cumulative: '累计值', flow: '逐期值' };

function range(x) {
  if (x.min == null && x.max == null) return '—';
  return `${x.min == null ? '' : fmt(x.min)}～${x.max == null ? '' : fmt(x.max)}`;
}

function linkCell(x, staff, reload) {
  const state = x.in_catalog ? '目录指标' : x.catalog ? `${x.catalog}（${x.link === 'confirmed' ? '已确认' : '待确认'}）` : '未关联（待确认）';
  if (!staff || x.in_catalog) return h('td', {}, state);
  const input = h('input', { type: 'text', value: x.catalog || '', 'aria-label': `${x.name} 关联的目录指标`, size: 16 });
  const msg = h('span', { class: 'field-error', role: 'alert' });
  const send = async (catalog) => {
    msg.textContent = '';
    try { await api('POST', '/api/indicators/link', { name: x.name, catalog }); reload(); } catch (e) { msg.textContent = e.message; }
  };
  const set = h('button', { type: 'button' }, x.catalog && x.link !== 'confirmed' ? '确认' : '关联');
  set.addEventListener('click', () => send(input.value.trim() || null));
  const clearBtn = h('button', { type: 'button' }, '取消关联');
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
  clear(app).append(h('h2', {}, '指标与目录关联'),
    h('p', {}, '每个目标按方案中的指标名称单独计数；目录关联只用于方案对比和抽检合格率，不会合并数据。'),
    h('label', { class: 'picker' }, box, '只看待确认的'),
    h('table', { class: 'indicators' },
      h('tr', {}, h('th', {}, '指标（按方案名称）'), h('th', {}, '单位'), h('th', {}, '取值范围'),
        h('th', {}, '类型'), h('th', {}, '目标数'), h('th', {}, '目录关联')),
      r.indicators.map((x) => h('tr', { 'data-indicator': x.name },
        h('td', {}, x.name), h('td', {}, x.unit === 'ratio' ? '比值' : x.unit || '—'), h('td', {}, range(x)),
        h('td', {}, KIND[x.kind] || x.kind), h('td', {}, String(x.targets)),
        linkCell(x, staff, reload)))));
}
