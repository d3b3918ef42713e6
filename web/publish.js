// 信息发布: what the public portal (/public/) shows. The office publishes
// a snapshot of a plan (targets and their status as of today), of a
// quality index for a year, or an issued 通报/report (its .docx and PDF
// as kept at issue), and takes publications down; all audited.
import { api } from './api.js';
import { h, clear } from './ui.js';
import { _ } from './i18n.js';

const KIND = { plan: _('工作方案'), index: _('质量指数'), document: _('通报与报告'), list: _('红黑名单') };
const INDEXES = [['qitaihe-quality', _('七台河市质量指数')], ['mqci', _('制造业质量竞争力指数（地区）')]];

export async function publishPage(ctx) {
  const { app } = ctx;
  const [pubs, plans, docs] = await Promise.all([api('GET', '/api/public/publications'), api('GET', '/api/plans'),
    api('GET', '/api/documents?issued=1')]);
  const msg = h('p', { class: 'field-error', role: 'alert' });
  const reload = () => publishPage(ctx);
  const act = async (body, path = '/api/publications') => {
    msg.textContent = '';
    try { await api('POST', path, body); reload(); } catch (e) { msg.textContent = e.message; }
  };
  const planSel = h('select', { 'aria-label': _('方案') }, plans.map((p) => h('option', { value: p.id }, p.title)));
  const planBtn = h('button', { type: 'button' }, _('发布方案'));
  planBtn.addEventListener('click', () => act({ kind: 'plan', plan: Number(planSel.value) }));
  const idxSel = h('select', { 'aria-label': _('指数') }, INDEXES.map(([id, t]) => h('option', { value: id }, t)));
  const year = h('input', { type: 'number', min: 1949, max: 2100, value: new Date().getFullYear() - 1, 'aria-label': _('年份'), size: 6 });
  const idxBtn = h('button', { type: 'button' }, _('发布指数'));
  idxBtn.addEventListener('click', () => act({ kind: 'index', index: idxSel.value, year: Number(year.value) }));
  const docSel = h('select', { 'aria-label': _('通报与报告'), id: 'publish-doc' }, docs.map((d) => h('option', { value: d.id }, `${d.number} ${d.title}`)));
  const docBtn = h('button', { type: 'button', disabled: !docs.length }, _('发布文件'));
  docBtn.addEventListener('click', () => act({ kind: 'document', document: Number(docSel.value) }));
  const rows = pubs.publications.map((p) => {
    const down = h('button', { type: 'button' }, _('撤回'));
    down.addEventListener('click', () => act({ kind: p.kind, ref: p.ref }, '/api/publications/unpublish'));
    return h('tr', {}, h('td', {}, KIND[p.kind] || p.kind), h('td', {}, p.title), h('td', {}, p.as_of), h('td', {}, down));
  });
  clear(app).append(h('h2', {}, _('信息发布')),
    h('p', {}, _('公众在 '), h('a', { href: '/public/' }, '/public/'), _(' 看到的只是这里发布的快照；发布后的修改须再次发布才公开。')),
    h('section', { class: 'card' }, h('h3', {}, _('发布')), h('p', {}, planSel, ' ', planBtn), h('p', {}, idxSel, ' ', year, _(' 年 '), idxBtn),
      h('p', {}, docs.length ? docSel : _('尚无已印发的通报或报告。'), ' ', docBtn), msg),
    h('table', {}, h('tr', {}, h('th', {}, _('类别')), h('th', {}, _('标题')), h('th', {}, _('发布日期')), h('th', {}, '')), rows));
}
