// Data entry of one unit for one period, its progress reports with
// attachments, and its submission for review. Nothing typed is lost:
// 提交审核 saves first and refuses while anything is unsaved; a draft is
// kept in localStorage until it is saved; periods come from the plan's
// reporting calendar; each value is checked as it is typed against the
// indicator's range and the previous period (the server checks the same).
import { api } from './api.js';
import { h, clear, fmt, valueUnit } from './ui.js';
import { currentPlan, planPicker } from './plan.js';
import { fileField, periodLabel, PERIOD_KIND } from './attach.js';
import { _ } from './i18n.js';

export const STATE_LABEL = { submitted: _('已提交，待审核'), accepted: _('已审核通过（已锁定）'), returned: _('已退回'), reopened: _('已重新开放') };
const REPORT_STATUS = { not_started: _('未开始'), in_progress: _('推进中'), done: _('已完成'), blocked: _('遇到困难') };
const REPORT_KIND = { annual: _('年度工作总结'), half_year: _('半年工作总结'), monthly: _('月度进展报告') };

// Full-width digits and points (９８．５) are typed often; read them as numbers.
const halfWidth = (s) => s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const PERIOD_RE = /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

// The message for a value as typed, '' when it is fine; sets row.jump.
function check(row, jumpFactor) {
  const v = halfWidth(row.input.value.trim());
  const t = row.t;
  row.jump = false;
  if (v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return _('请输入数字，例如 98.5');
  if (t.min != null && n < t.min) return _('不能小于 {min}{x2}', { min: fmt(t.min), x2: valueUnit(t.unit, t.op) });
  if (t.max != null && n > t.max) return _('不能大于 {max}{x2}', { max: fmt(t.max), x2: valueUnit(t.unit, t.op) });
  if (t.previous != null && t.previous !== 0) {
    const change = (n - t.previous) / Math.abs(t.previous);
    if (Math.abs(change) > jumpFactor) {
      row.jump = true;
      if (!row.note.value.trim())
        return _('与上期（{previous_period}：{previous}）相比变化 {x3}{x4}%，超过 {x5}%，请在备注中说明原因', { previous_period: periodLabel(t.previous_period), previous: fmt(t.previous), x3: change > 0 ? '+' : '', x4: (change * 100).toFixed(1), x5: fmt(jumpFactor * 100) });
    }
  }
  return '';
}

function changeText(row) {
  const v = Number(halfWidth(row.input.value.trim()));
  if (row.input.value.trim() === '' || !Number.isFinite(v) || row.t.previous == null) return '';
  const d = v - row.t.previous;
  return `${d > 0 ? '+' : ''}${fmt(d)}`;
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
    head.push(h('label', { class: 'picker' }, _('填报单位：'), sel));
  }
  // A period kept from before is used only if it is a period at all; one
  // outside this plan's calendar falls back to the calendar's default.
  let stored = localStorage.getItem('period');
  if (stored && !PERIOD_RE.test(stored)) { localStorage.removeItem('period'); stored = null; }
  const base = `/api/plans/${plan.id}/entry?unit=${unitId}`;
  let f = await api('GET', stored ? `${base}&period=${encodeURIComponent(stored)}` : base);
  if (stored && !f.calendar.some((c) => c.period === stored)) {
    localStorage.removeItem('period');
    f = await api('GET', base);
  }
  const psel = h('select', { id: 'period', 'aria-label': _('统计期间') },
    Object.entries(PERIOD_KIND).map(([kind, label]) => {
      const ps = f.calendar.filter((c) => c.kind === kind);
      return ps.length ? h('optgroup', { label }, ps.map((c) =>
        h('option', { value: c.period, selected: c.period === f.period }, periodLabel(c.period)))) : null;
    }));
  psel.addEventListener('change', () => { localStorage.setItem('period', psel.value); route(); });
  head.push(h('label', { class: 'picker' }, _('统计期间：'), psel));
  const kind = (f.calendar.find((c) => c.period === f.period) || {}).kind || 'annual';
  const deadline = (f.calendar.find((c) => c.period === f.period) || {}).deadline;

  const locked = f.state === 'accepted' || f.state === 'submitted';
  const draftKey = `draft:${plan.id}:${f.unit_id}:${f.period}`;
  // A draft applies only while the period can be edited.
  const draft = (!locked && JSON.parse(localStorage.getItem(draftKey) || 'null')) || { values: {}, reports: {} };
  const msg = h('p', { class: 'notice', id: 'entry-msg', role: 'status' });

  // The office's per-item decisions on the last submission, shown in place.
  const decisions = {};
  if (f.state) {
    const mine = (await api('GET', '/api/submissions')).find((x) => x.unit_id === f.unit_id && x.period === f.period);
    if (mine) {
      const d = await api('GET', `/api/submissions/${mine.id}`);
      for (const it of d.items) if (it.decision) decisions[`${it.kind}:${it.label}`] = it;
    }
  }
  const decisionNote = (key) => {
    const d = decisions[key];
    return d ? h('div', { class: `decision d-${d.decision}` }, d.decision === 'returned' ? _('已退回：{reason}', { reason: d.reason }) : _('已通过')) : null;
  };

  // ---- values ----
  const saveDraft = () => {
    if (locked) return;
    const values = {};
    for (const r of rows) if (r.dirty()) values[r.t.target] = { value: r.input.value, note: r.note.value };
    const reports = {};
    for (const r of reports_) if (r.dirty()) reports[r.t.key] = { status: r.status.value, text: r.text.value, files: r.files };
    if (Object.keys(values).length || Object.keys(reports).length)
      localStorage.setItem(draftKey, JSON.stringify({ values, reports }));
    else localStorage.removeItem(draftKey);
  };
  let restored = 0;
  const rows = f.targets.map((t) => {
    const shown = t.value == null ? '' : String(t.value);
    const d = draft.values[t.target];
    const input = h('input', { class: 'value', inputmode: 'decimal', 'data-target': t.target,
      value: d ? d.value : shown, disabled: locked, 'aria-label': _('{indicator}本期数值', { indicator: t.indicator }) });
    const note = h('input', { class: 'note', value: d ? d.note : (t.note || ''), disabled: locked,
      placeholder: _('备注（变化较大时必填）'), 'aria-label': _('{indicator}备注', { indicator: t.indicator }) });
    if (d) restored++;
    const err = h('div', { class: 'field-error', role: 'alert' });
    const change = h('td', { class: 'change', 'data-label': _('变化') });
    const row = { t, input, note, err, jump: false,
      dirty: () => input.value.trim() !== shown || note.value.trim() !== (t.note || '') };
    const onInput = () => {
      err.textContent = check(row, f.jump_factor);
      change.textContent = changeText(row);
      note.classList.toggle('needed', row.jump);
      saveDraft();
    };
    input.addEventListener('input', onInput);
    note.addEventListener('input', onInput);
    change.textContent = changeText(row);
    if (d) err.textContent = check(row, f.jump_factor);
    row.tr = h('tr', { 'data-target': t.target },
      h('td', { 'data-label': _('指标') }, h('strong', {}, t.indicator), t.goal ? h('div', { class: 'muted' }, t.goal) : null),
      h('td', { 'data-label': _('目标值') }, t.requirement || '—'),
      h('td', { 'data-label': _('上期'), class: 'previous' }, t.previous == null ? '—' : _('{previous}（{previous_period}）', { previous: fmt(t.previous), previous_period: periodLabel(t.previous_period) })),
      h('td', { 'data-label': _('本期数值') }, input, ' ', valueUnit(t.unit, t.op), err, decisionNote(`value:${t.canonical}`)),
      change,
      h('td', { 'data-label': _('备注') }, note));
    return row;
  });

  // ---- progress reports: one per task the unit leads ----
  const tasks = (await api('GET', `/api/plans/${plan.id}/tasks`)).filter((x) => x.unit === f.unit);
  const have = await api('GET', `/api/progress?plan=${plan.id}&unit=${f.unit_id}&period=${encodeURIComponent(f.period)}`);
  const reports_ = tasks.map((t) => {
    const old = have.find((x) => x.task === t.key) || null;
    const d = draft.reports[t.key];
    const files = d ? d.files : (old ? old.attachments.slice() : []);
    const oldIds = (old ? old.attachments : []).map((a) => a.id).join(',');
    const status = h('select', { class: 'report-status', disabled: locked, 'aria-label': _('{title}进展', { title: t.title }) },
      Object.entries(REPORT_STATUS).map(([k, v]) => h('option', { value: k,
        selected: k === (d ? d.status : old ? old.status : 'in_progress') }, v)));
    const text = h('textarea', { class: 'report-text', rows: 4, disabled: locked, 'aria-label': _('{title}工作情况', { title: t.title }),
      placeholder: _('本期工作进展、存在问题和下步打算') }, d ? d.text : old ? old.text || '' : '');
    if (d) restored++;
    const err = h('div', { class: 'field-error', role: 'alert' });
    const r = { t, status, text, files, err, old,
      dirty: () => !old ? text.value.trim() !== '' || files.length > 0
        : status.value !== old.status || text.value !== (old.text || '') || files.map((a) => a.id).join(',') !== oldIds };
    status.addEventListener('change', saveDraft);
    text.addEventListener('input', saveDraft);
    r.card = h('div', { class: 'card report', 'data-task': t.key },
      h('h4', {}, `${t.key} ${t.title}`),
      h('label', {}, _('进展：'), status),
      text, fileField(files, { disabled: locked, onChange: saveDraft }), err, decisionNote(`report:${t.title}`));
    return r;
  });

  // ---- save and submit ----
  // Save every changed value and report; true when nothing is left unsaved.
  async function save() {
    let bad = 0, saved = 0;
    // Only what was changed here is checked: stored values stand.
    for (const r of rows) {
      r.err.textContent = r.dirty() ? check(r, f.jump_factor) : '';
      if (r.err.textContent) bad++;
    }
    if (bad) { msg.textContent = _('有 {bad} 项需要更正，尚未保存', { bad }); return false; }
    for (const r of rows) {
      if (!r.dirty()) continue;
      const v = halfWidth(r.input.value.trim());
      if (v === '') { r.err.textContent = _('已填写的数值不能清空；如需更正请填写正确数值'); bad++; continue; }
      try {
        await api('POST', '/api/values', { indicator: r.t.canonical, region: f.region, period: f.period,
          value: Number(v), reporter: f.unit, note: r.note.value.trim() || undefined });
        r.t.value = Number(v);
        r.t.note = r.note.value.trim() || null;
        r.input.value = String(Number(v));
        saved++;
      } catch (e) { r.err.textContent = e.message; bad++; }
    }
    for (const r of reports_) {
      if (!r.dirty()) continue;
      try {
        await api('POST', '/api/progress', { plan: plan.id, task: r.t.key, unit: f.unit, period: f.period,
          status: r.status.value, text: r.text.value, attachments: r.files.map((a) => a.id) });
        r.old = { status: r.status.value, text: r.text.value, attachments: r.files.slice() };
        saved++;
      } catch (e) { r.err.textContent = e.message; bad++; }
    }
    if (!bad) localStorage.removeItem(draftKey); else saveDraft();
    msg.textContent = bad ? _('有 {bad} 项未保存，请按提示更正', { bad }) : saved ? _('已保存 {saved} 项', { saved }) : _('没有需要保存的修改');
    return !bad;
  }
  const saveBtn = h('button', { id: 'save', type: 'button', disabled: locked }, _('保存'));
  const submit = h('button', { id: 'submit', type: 'button', disabled: locked }, _('提交审核'));
  saveBtn.addEventListener('click', save);
  submit.addEventListener('click', async () => {
    saveBtn.disabled = submit.disabled = true;
    try {
      // Saved first: what is on the screen is what is submitted.
      if (!(await save())) { msg.textContent = _('{textContent}；未提交', { textContent: msg.textContent }); return; }
      await api('POST', '/api/submissions', { unit_id: f.unit_id, period: f.period });
      localStorage.removeItem(draftKey);
      await route();
      const m = document.getElementById('entry-msg');
      if (m) m.textContent = _('已保存并提交，等待领导小组办公室审核');
    } catch (e) { msg.textContent = e.message; }
    finally { if (document.body.contains(submit)) saveBtn.disabled = submit.disabled = locked; }
  });
  if (restored && !locked) msg.textContent = _('已恢复 {restored} 项未保存的草稿，请检查后保存或提交', { restored });

  clear(app).append(h('div', { class: 'pickers' }, ...head),
    h('h2', {}, _('{unit} · {period} 数据填报', { unit: f.unit, period: periodLabel(f.period) })),
    h('p', { id: 'entry-state' }, f.state ? _('审核状态：{x1}{x2}', { x1: STATE_LABEL[f.state], x2: f.reason ? _('；原因：{reason}', { reason: f.reason }) : '' }) : _('审核状态：未提交'),
      deadline ? h('span', { class: 'muted' }, _('（报送截止：{deadline}）', { deadline })) : null),
    h('h3', {}, _('指标数值')),
    f.targets.length ? h('table', { class: 'entry' },
      h('thead', {}, h('tr', {}, [_('指标'), _('目标值'), _('上期'), _('本期数值'), _('变化'), _('备注')].map((x) => h('th', {}, x)))),
      h('tbody', {}, rows.map((r) => r.tr))) : h('p', {}, _('本单位在该方案中没有牵头的指标。')),
    h('h3', {}, REPORT_KIND[kind] || _('进展报告')),
    reports_.length ? h('div', { class: 'reports' }, reports_.map((r) => r.card)) : h('p', {}, _('本单位在该方案中没有牵头的任务。')),
    h('p', { class: 'actions' }, saveBtn, ' ', submit), msg);
}
