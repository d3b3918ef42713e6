// Documents (通报 and the annual quality report): generate a draft from the
// data, edit its text block by block, issue it (文号; it cannot change
// afterwards) and download it as Word, PDF, HTML or the XLSX annex.
import { api } from './api.js';
import { h, clear, emptyRow } from './ui.js';
import { periodLabel } from './attach.js';
import { currentPlan, planPicker } from './plan.js';
import { _ } from './i18n.js';

const KINDS = { progress: _('工作进展通报'), assessment: _('年度考核结果通报'), report: _('年度质量发展报告') };
const STATUS = { draft: _('草稿'), issued: _('已印发') };

function downloads(d) {
  const f = ['docx', 'pdf', 'html'].concat(d.kind === 'report' ? ['xlsx'] : []);
  const label = { docx: 'Word', pdf: 'PDF', html: _('网页'), xlsx: _('数据附件') };
  return h('span', { class: 'downloads' }, ...f.map((x) =>
    h('a', { href: `/api/documents/${d.id}/file/${x}`, download: `${d.number || d.title}.${x}` }, ` ${label[x]} `)));
}

async function documentPage(ctx, id) {
  const { app } = ctx;
  const d = await api('GET', `/api/documents/${id}`);
  const msg = h('p', { class: 'notice', role: 'status' });
  const issued = d.status === 'issued';
  const blocks = d.document.blocks.map((b, i) => {
    if (b.type === 'table')
      return h('table', {}, ...b.rows.map((r, k) => h('tr', {}, ...r.map((c) => h(k ? 'td' : 'th', {}, c)))));
    if (b.type === 'chart' && issued) return h('p', {}, _('[图] {text}', { text: b.text }));
    if (issued) return h(b.type === 'heading' ? 'h3' : 'p', {}, b.text);
    const ta = h('textarea', { rows: b.type === 'para' ? 3 : 1, cols: 80, 'aria-label': _('第{x1}段', { x1: i + 1 }) }, b.text);
    const save = h('button', { type: 'button' }, _('保存'));
    save.addEventListener('click', async () => {
      try {
        await api('PATCH', `/api/documents/${id}`, { block: i + 1, text: ta.value });
        msg.textContent = _('第{x1}段已保存', { x1: i + 1 });
      } catch (e) { msg.textContent = e.message; }
    });
    return h('div', { class: `block b-${b.type}` }, b.type === 'chart' ? _('[图] ') : '', ta, save);
  });
  const head = h('div', { class: 'card' },
    h('h2', {}, d.document.title),
    h('p', {}, `${KINDS[d.kind] || d.kind} · ${periodLabel(d.period)} · ${STATUS[d.status]}${d.number ? ` · ${d.number}` : ''}`),
    downloads(d));
  if (!issued) {
    const prefix = h('input', { id: 'prefix', value: '质强办', size: 8 }); // i18n-skip: part of the document number
    const go = h('button', { type: 'button' }, _('印发'));
    go.addEventListener('click', async () => {
      if (!confirm(_('印发后文件编号生成，内容不可再修改。确定印发？'))) return;
      try {
        const r = await api('POST', `/api/documents/${id}/issue`, { prefix: prefix.value });
        msg.textContent = _('已印发：{number}', { number: r.number });
        await documentPage(ctx, id);
      } catch (e) { msg.textContent = e.message; }
    });
    head.append(h('label', { class: 'picker' }, _('发文字号前缀：'), prefix), go);
  }
  clear(app).append(h('p', {}, h('a', { href: '#/documents' }, _('← 全部文件'))), head, msg,
    h('div', { class: 'card doc-body' }, ...blocks));
}

export async function documentsPage(ctx, id) {
  if (id) return documentPage(ctx, id);
  const { app, route } = ctx;
  const { plans, plan } = await currentPlan();
  const list = await api('GET', `/api/documents?plan=${plan.id}`);
  const msg = h('p', { class: 'error', role: 'alert' });
  const kind = h('select', { id: 'kind' }, ...Object.entries(KINDS).map(([k, v]) => h('option', { value: k }, v)));
  // The period is chosen by its Chinese name (2020年上半年), not typed as
  // a code: half-years and months for a progress bulletin, years else.
  const last = plan.period_end || new Date().getFullYear();
  const years = [];
  for (let y = last; y >= (plan.period_start || last - 4) && years.length < 12; y--) years.push(y);
  const period = h('select', { id: 'period', 'aria-label': _('期间') });
  const periods = () => {
    const codes = kind.value === 'progress'
      ? years.flatMap((y) => [`${y}-H1`, `${y}-H2`, ...Array.from({ length: 12 }, (_x, m) => `${y}-${String(m + 1).padStart(2, '0')}`)])
      : years.map(String);
    period.replaceChildren(...codes.map((c) => h('option', { value: c }, periodLabel(c))));
  };
  kind.addEventListener('change', periods);
  periods();
  const make = h('button', { type: 'button' }, _('生成草稿'));
  make.addEventListener('click', async () => {
    msg.textContent = '';
    const body = { kind: kind.value, plan: plan.id };
    if (kind.value === 'progress') body.period = period.value;
    else body.year = Number(period.value.slice(0, 4));
    try {
      const r = await api('POST', '/api/documents', body);
      location.hash = `#/documents/${r.id}`;
    } catch (e) { msg.textContent = e.message; }
  });
  clear(app).append(planPicker(plans, plan, route),
    h('div', { class: 'card' }, h('h2', {}, _('生成文件')),
      h('label', { class: 'picker' }, _('类型：'), kind),
      h('label', { class: 'picker' }, _('期间：'), period), make, msg),
    h('table', { class: 'card' }, h('tr', {}, ...[_('编号'), _('文号'), _('标题'), _('期间'), _('状态'), _('下载')].map((x) => h('th', {}, x))),
      list.length ? '' : emptyRow(6, _('尚未生成通报或报告：选择类型和期间，点“生成草稿”。')),
      ...list.map((d) => h('tr', {}, h('td', {}, String(d.id)), h('td', {}, d.number || '—'),
        h('td', {}, h('a', { href: `#/documents/${d.id}` }, d.title)), h('td', {}, periodLabel(d.period)),
        h('td', {}, STATUS[d.status] || d.status), h('td', {}, downloads(d))))));
}
