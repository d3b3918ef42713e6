// Data entry of one unit for one period, and its submission for review.
import { api } from './api.js';
import { h, clear } from './ui.js';
import { currentPlan, planPicker } from './plan.js';

export const STATE_LABEL = { submitted: '已提交，待审核', accepted: '已审核通过（已锁定）', returned: '已退回', reopened: '已重新开放' };

// Full-width digits and points (９８．５) are typed often; read them as numbers.
const halfWidth = (s) => s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function validate(input, row) {
  const v = halfWidth(input.value.trim());
  if (v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return '请输入数字，例如 98.5';
  if (row.unit === '%' && (n < 0 || n > 100)) return '百分比应在 0 到 100 之间';
  if (n < 0) return '不能为负数';
  return '';
}

export async function entryPage(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  let unitId = me.unit_id;
  const head = [planPicker(plans, plan, route)];
  if (me.role !== 'unit') {
    const units = await api('GET', `/api/units?region=${encodeURIComponent(plan.region || '')}`);
    const saved = Number(localStorage.getItem('unit'));
    unitId = (units.find((u) => u.id === saved) || units[0] || {}).id;
    const sel = h('select', { id: 'unit' }, units.map((u) => h('option', { value: u.id, selected: u.id === unitId }, u.name)));
    sel.addEventListener('change', () => { localStorage.setItem('unit', sel.value); route(); });
    head.push(h('label', { class: 'picker' }, '填报单位：', sel));
  }
  const period = localStorage.getItem('period') || String(plan.period_end || new Date().getFullYear() - 1);
  const pin = h('input', { id: 'period', value: period, size: 8 });
  pin.addEventListener('change', () => { localStorage.setItem('period', pin.value.trim()); route(); });
  head.push(h('label', { class: 'picker' }, '统计期间：', pin));
  const f = await api('GET', `/api/plans/${plan.id}/entry?unit=${unitId}&period=${encodeURIComponent(period)}`);
  const locked = f.state === 'accepted' || f.state === 'submitted';
  const msg = h('p', { class: 'notice', id: 'entry-msg', role: 'status' });
  const rows = f.targets.map((t) => {
    const input = h('input', { class: 'value', inputmode: 'decimal', 'data-target': t.target,
      value: t.value == null ? '' : String(t.value), disabled: locked, 'aria-label': t.indicator });
    const err = h('span', { class: 'field-error' });
    input.addEventListener('input', () => { err.textContent = validate(input, t); });
    return { t, input, err, tr: h('tr', {}, h('td', {}, t.goal || ''), h('td', {}, t.indicator),
      h('td', {}, t.requirement), h('td', {}, input, ' ', t.unit || '', err)) };
  });
  const save = h('button', { id: 'save', type: 'button', disabled: locked }, '保存');
  const submit = h('button', { id: 'submit', type: 'button', disabled: locked }, '提交审核');
  save.addEventListener('click', async () => {
    let bad = 0, saved = 0;
    for (const r of rows) {
      r.err.textContent = validate(r.input, r.t);
      if (r.err.textContent) bad++;
    }
    if (bad) { msg.textContent = `有 ${bad} 项需要更正`; return; }
    for (const r of rows) {
      const v = halfWidth(r.input.value.trim());
      if (v === '' || Number(v) === r.t.value) continue;
      try {
        await api('POST', '/api/values', { indicator: r.t.canonical, region: f.region, period: f.period,
          value: Number(v), reporter: f.unit });
        r.t.value = Number(v);
        saved++;
      } catch (e) { r.err.textContent = e.message; bad++; }
    }
    msg.textContent = bad ? `有 ${bad} 项未保存` : `已保存 ${saved} 项`;
  });
  submit.addEventListener('click', async () => {
    try {
      await api('POST', '/api/submissions', { unit_id: f.unit_id, period: f.period });
      msg.textContent = '已提交，等待领导小组办公室审核';
      route();
    } catch (e) { msg.textContent = e.message; }
  });
  clear(app).append(...head, h('h2', {}, `${f.unit} · ${f.period} 数据填报`),
    h('p', { id: 'entry-state' }, f.state ? `审核状态：${STATE_LABEL[f.state]}${f.reason ? `；原因：${f.reason}` : ''}` : '审核状态：未提交'),
    f.targets.length ? h('table', { class: 'entry' },
      h('tr', {}, h('th', {}, '目标'), h('th', {}, '指标'), h('th', {}, '目标值'), h('th', {}, '本期数值')),
      rows.map((r) => r.tr)) : h('p', {}, '本单位在该方案中没有牵头的指标。'),
    h('p', {}, save, ' ', submit), msg);
}
