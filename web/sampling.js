// 监督抽查: a region's pass rate, the follow-up board of unqualified
// results (the office records each step), the latest unqualified results,
// and the import of a published table pasted as CSV.
import { api } from './api.js';
import { h, clear, fmt, emptyRow } from './ui.js';
import { regionChoices, chosenRegion, regionPicker } from './regions.js';
import { _ } from './i18n.js';

const AWAITING = {
  order: _('责令整改'), correction: _('整改'), 're-inspection': _('复查'),
  publication: _('公告'), 'second re-inspection': _('再次复查'),
};
const STEPS = [['notified', _('送达通知')], ['objection', _('提出异议')], ['ordered', _('责令整改')],
  ['corrected', _('完成整改')], ['reinspected', _('复查')], ['published', _('公告')], ['second', _('再次复查')]];
const WITH_OUTCOME = new Set(['objection', 'reinspected', 'second']);
// Open follow-ups per page of the board.
const BOARD_PAGE = 200;

function recordForm(f, done) {
  const step = h('select', { 'aria-label': _('步骤') }, STEPS.map(([v, l]) => h('option', { value: v }, l)));
  const date = h('input', { type: 'date', 'aria-label': _('日期'), required: true });
  const passed = h('input', { type: 'checkbox', 'aria-label': _('合格/成立') });
  const msg = h('span', { class: 'field-error', role: 'alert' });
  const form = h('form', { class: 'record' }, step, date, h('label', {}, passed, _('合格（异议成立）')),
    h('button', { type: 'submit' }, _('记录')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    const body = { step: step.value, date: date.value };
    if (WITH_OUTCOME.has(step.value)) body.passed = passed.checked;
    try {
      await api('POST', `/api/sampling/${f.result}/followup`, body);
      done(null);
    } catch (err) { msg.textContent = err.message; }
  });
  return form;
}

function importForm(region, done) {
  const table = h('textarea', { id: 'table', rows: 6, cols: 80, placeholder: '序号,产品名称,（标称）生产企业名称,抽查时间,检验结论,不合格项目 …' }); // i18n-skip: the importer's columns
  const level = h('select', { id: 'level' }, [['municipal', _('市级')], ['provincial', _('省级')], ['national', _('国家级')], ['county', _('县级')]]
    .map(([v, l]) => h('option', { value: v }, l)));
  const skip = h('input', { type: 'checkbox', id: 'skip' });
  const out = h('pre', { class: 'notice', role: 'status' });
  const form = h('form', { id: 'import', class: 'card' }, h('h3', {}, _('导入抽查结果（粘贴汇总表 CSV）')), table,
    h('p', {}, h('label', {}, _('抽查级别 '), level), ' ', h('label', {}, skip, _('跳过错误行'))),
    h('button', { type: 'submit' }, _('导入')), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    out.className = 'notice';
    out.textContent = _('正在导入…');
    try {
      const r = await api('POST', '/api/sampling', { table: table.value, region, level: level.value, skip_bad: skip.checked });
      done(_('导入 {imported} / {rows} 条{x3}\n{mapping}', { imported: r.imported, rows: r.rows, x3: r.rejected ? _('，退回 {rejected} 条：\n{rejects}', { rejected: r.rejected, rejects: r.rejects }) : '', mapping: r.mapping }));
    } catch (err) { out.className = 'error'; out.textContent = err.message; }
  });
  return form;
}

// One result entered by hand goes through the same importer as a table:
// the form becomes a one-row CSV with the published headers.
function csvCell(v) {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function oneResultForm(region, done) {
  const f = {
    product: h('input', { id: 'one-product', required: true }),
    enterprise: h('input', { id: 'one-enterprise', required: true }),
    uscc: h('input', { id: 'one-uscc', size: 20, placeholder: _('统一社会信用代码（可空）') }),
    date: h('input', { id: 'one-date', type: 'date', required: true }),
    failed: h('input', { id: 'one-failed', placeholder: _('不合格项目（合格则空）') }),
  };
  const PASS = '合格', FAIL = '不合格'; // i18n-skip: the conclusions the importer reads
  const result = h('select', { id: 'one-result' }, h('option', { value: PASS }, _('合格')), h('option', { value: FAIL }, _('不合格')));
  const msg = h('p', { class: 'notice', role: 'status' });
  const form = h('form', { id: 'one', class: 'card' }, h('h3', {}, _('录入一条抽查结果')),
    h('label', {}, _('产品名称 '), f.product), ' ', h('label', {}, _('生产企业 '), f.enterprise), ' ',
    h('label', {}, _('信用代码 '), f.uscc), ' ', h('label', {}, _('抽查日期 '), f.date), ' ',
    h('label', {}, _('检验结论 '), result), ' ', h('label', {}, _('不合格项目 '), f.failed), ' ',
    h('button', { type: 'submit' }, _('录入')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.className = 'notice';
    const row = [f.product.value, f.enterprise.value, f.uscc.value || '/', f.date.value,
      result.value, f.failed.value || '/'].map(csvCell).join(',');
    try {
      const r = await api('POST', '/api/sampling', { region,
        table: `产品名称,生产企业名称,统一社会信用代码,抽查时间,检验结论,不合格项目\n${row}\n` }); // i18n-skip: the importer's columns
      done(_('录入 {imported} 条', { imported: r.imported }));
    } catch (err) { msg.className = 'error'; msg.textContent = err.message; }
  });
  return form;
}

// The year of the region's newest result (the page opens there), else last year.
async function latestYear(region) {
  const newest = await api('GET', `/api/sampling?region=${encodeURIComponent(region)}&limit=1`);
  const y = newest.length ? parseInt(newest[0].sampled_on, 10) : NaN;
  return y > 0 ? y : new Date().getFullYear() - 1;
}

export async function samplingPage(app, me, plan, notice) {
  const key = `sampling-region-${plan.id}`;
  const choices = await regionChoices(plan, me);
  const region = chosenRegion(plan, me, choices, key) || me.region || plan.region;
  const latest = await latestYear(region);
  const years = [];
  for (let y = Math.max(latest, new Date().getFullYear()); y >= latest - 9; y--) years.push(y);
  const saved = Number(sessionStorage.getItem(`sampling-year-${region}`));
  const year = years.includes(saved) ? saved : latest;
  const staff = me.role === 'office' || me.role === 'admin';
  const [rate, board, failed] = await Promise.all([
    api('GET', `/api/sampling/rates?region=${encodeURIComponent(region)}&year=${year}`),
    api('GET', `/api/sampling/followup?region=${encodeURIComponent(region)}&limit=${BOARD_PAGE}`),
    api('GET', `/api/sampling?region=${encodeURIComponent(region)}&failed=1&limit=20`),
  ]);
  const yin = h('select', { id: 'year', 'aria-label': _('年度') },
    years.map((y) => h('option', { value: y, selected: y === year }, _('{y}年{x2}', { y, x2: y === latest ? _('（最新结果）') : '' }))));
  yin.addEventListener('change', () => { sessionStorage.setItem(`sampling-year-${region}`, yin.value); samplingPage(app, me, plan); });
  const refresh = (text) => samplingPage(app, me, plan, text);
  // The board a page at a time, most urgent first (keyset: the due date
  // and result of the last row shown).
  const boardRow = (f) => h('tr', { class: f.overdue ? 'sev-3' : '' },
    h('td', {}, String(f.result)), h('td', {}, f.enterprise), h('td', {}, f.product),
    h('td', {}, f.failed_items || '—'), h('td', {}, AWAITING[f.awaiting] || f.awaiting),
    h('td', {}, _('{x1}{due}（{x3}）', { x1: f.due_from ? f.due_from + _(' 至 ') : '', due: f.due, x3: f.overdue ? _('逾期 {x1} 天', { x1: -f.days_left }) : _('剩 {days_left} 天', { days_left: f.days_left }) })),
    h('td', {}, staff ? recordForm(f, refresh) : ''));
  const boardTable = h('table', { id: 'followup' },
    h('tr', {}, [_('编号'), _('企业'), _('产品'), _('不合格项目'), _('待办'), _('期限'), ''].map((x) => h('th', {}, x))),
    board.length ? board.map(boardRow) : emptyRow(7, _('没有待办的后处理：本地区的不合格产品均已处理完毕，或尚无不合格结果。')));
  let last = board[board.length - 1];
  const more = h('button', { type: 'button', id: 'followup-more', hidden: board.length < BOARD_PAGE }, _('显示更多'));
  more.addEventListener('click', async () => {
    const next = await api('GET', `/api/sampling/followup?region=${encodeURIComponent(region)}&limit=${BOARD_PAGE}`
      + `&after=${encodeURIComponent(`${last.due},${last.result}`)}`);
    next.forEach((f) => boardTable.append(boardRow(f)));
    if (next.length) last = next[next.length - 1];
    more.hidden = next.length < BOARD_PAGE;
  });
  clear(app).append(
    h('div', { class: 'pickers' }, regionPicker(plan, choices, region, () => samplingPage(app, me, plan), key),
      h('label', { class: 'picker' }, _('年度：'), yin)),
    h('h2', {}, _('{year}年监督抽查合格率：{x2}', { year, x2: rate.samples ? fmt(rate.rate) + '%' : _('暂无结果') })),
    h('p', {}, _('抽查 {samples} 批次，合格 {passed} 批次', { samples: rate.samples, passed: rate.passed })),
    h('h3', {}, _('不合格产品后处理（{length}）', { length: board.length < BOARD_PAGE ? board.length : board.length + '+' })),
    h('div', { class: 'scroll' }, boardTable),
    more,
    h('h3', {}, _('最近的不合格结果')),
    h('div', { class: 'scroll' }, h('table', { id: 'failed' },
      h('tr', {}, [_('抽查日期'), _('产品'), _('企业'), _('统一社会信用代码'), _('不合格项目'), _('备注')].map((x) => h('th', {}, x))),
      failed.map((s) => h('tr', {}, h('td', {}, s.sampled_on), h('td', {}, s.product), h('td', {}, s.enterprise),
        h('td', {}, s.uscc || '—'), h('td', {}, s.failed_items || '—'), h('td', {}, s.remarks || '—'))),
      failed.length ? '' : emptyRow(6, _('该地区该年度没有不合格结果。')))),
    staff ? oneResultForm(region, refresh) : '', staff ? importForm(region, refresh) : '');
  // What the last import did stays in view after the page is rebuilt.
  if (notice) app.querySelector('#import pre').textContent = notice;
}
