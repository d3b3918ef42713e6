// What the pages of the registers share (特种设备, 计量器具): the region
// and year pickers, a table read a page at a time, a figure of the
// figures card, a form whose bad fields the server names, and the import
// of the register's file.
import { api, ApiError, sendFile } from './api.js';
import { h, emptyRow, fmt } from './ui.js';
import { currentPlan } from './plan.js';
import { regionChoices, chosenRegion, regionNames } from './regions.js';
import { _ } from './i18n.js';

const PAGE = 50;

// The region and year a register's page shows, kept in this browser under
// `${key}-region` and `${key}-year`; region0 (from the link) when one of
// the choices. The pickers call route() when changed.
export async function registerScope(ctx, key, region0, prefix) {
  const { me, route } = ctx;
  const { plan } = await currentPlan();
  const choices = await regionChoices(plan, me);
  const rkey = `${key}-region`, ykey = `${key}-year`;
  if (region0 && choices.some((g) => g.code === region0)) localStorage.setItem(rkey, region0);
  const region = chosenRegion(plan, me, choices, rkey);
  const nameOf = new Map(choices.map((g) => [g.code, g.name]));
  const yearNow = new Date().getFullYear();
  const year = Number(localStorage.getItem(ykey)) || yearNow;
  const regionSel = h('select', { id: `${prefix}-region`, 'aria-label': _('地区') },
    choices.map((g) => h('option', { value: g.code, selected: g.code === region }, g.name)));
  const yearSel = h('select', { id: `${prefix}-year`, 'aria-label': _('年度') },
    [0, 1, 2, 3, 4].map((k) => h('option', { value: yearNow - k, selected: yearNow - k === year }, _('{x1}年', { x1: yearNow - k }))));
  regionSel.addEventListener('change', () => { localStorage.setItem(rkey, regionSel.value); route(); });
  yearSel.addEventListener('change', () => { localStorage.setItem(ykey, yearSel.value); route(); });
  const pickers = h('p', { class: 'pickers' }, h('label', { class: 'picker' }, _('地区：'), regionSel), ' ',
    h('label', { class: 'picker' }, _('年度：'), yearSel));
  // The county-level choices (a code not ending in 00), for a register's
  // rows that name no county.
  const counties = choices.filter((g) => !g.code.endsWith('00'));
  return { region, year, regionName: (c) => nameOf.get(c), pickers, counties };
}

// A table of a list a page at a time (keyset: `next` is the cursor after
// the last row shown), with 显示更多 while there are more; empty says
// why. path: the list's URL with its query; row(item, name): a <tr>,
// name(code) the name of a region (the pickers' regionName, else asked);
// counted(total): the count line.
export async function pagedTable({ id, path, head, row, empty, counted, regionName }) {
  const table = h('table', { id, class: 'list' }, h('tr', {}, head.map((x) => h('th', {}, x))));
  const more = h('button', { type: 'button', class: 'more', hidden: true }, _('显示更多'));
  const count = h('p', { class: 'count' });
  let after = null;
  async function load() {
    const r = await api('GET', `${path}&limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    const names = await regionNames(r.items.map((x) => x.region));
    table.append(...r.items.map((x) => row(x, (c) => regionName(c) || names(c))));
    if (!r.total) table.append(emptyRow(head.length, empty));
    count.textContent = counted(r.total);
    after = r.next;
    more.hidden = !after;
  }
  more.addEventListener('click', () => load());
  await load();
  return h('div', {}, count, h('div', { class: 'scroll' }, table), more);
}

// The figures card of a region and year: its figures below the heading.
export function figuresCard(id, f, regionName, ...figures) {
  return h('section', { class: 'card', id },
    h('h3', {}, _('{region} {year}年', { region: regionName(f.region) || f.region, year: f.year })),
    h('div', { class: 'figures' }, ...figures));
}

// One figure of a figures card.
export const figure = (id, label, value, note) => h('div', { class: 'figure', id },
  h('span', { class: 'label' }, label), h('strong', {}, value), note ? h('small', {}, note) : '');

export function pct(v) { return v == null ? '—' : `${fmt(v)}%`; }

// On submit, body() is sent by send(body); every bad field the server
// names is shown by its field (errs: field → element), others in msg;
// done() after it is recorded.
export function fieldForm(form, errs, msg, body, send, done) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    for (const s of Object.values(errs)) s.textContent = '';
    try {
      await send(body());
      done();
    } catch (err) {
      const list = err instanceof ApiError && err.data && err.data.errors;
      if (!list) { msg.textContent = err.message; return; }
      for (const x of list) (errs[x.field] || msg).textContent = x.message;
    }
  });
  return form;
}

// What the last import of a card said, shown once more after the page is
// drawn again with the imported rows.
const notices = new Map();

// The import of a register's file (CSV or .xlsx, as the office's record
// system exports it) by POST path: all rows or none; the server names the
// line and field of a bad one. choices: the counties for rows without a
// region column. done() draws the page again.
export function importCard({ id, path, title, hint, choices, done }) {
  const file = h('input', { id: `${id}-file`, type: 'file', accept: '.csv,.xlsx', required: true });
  const county = h('select', { id: `${id}-county`, 'aria-label': _('区县') },
    h('option', { value: '' }, _('按台账的“所在区县”列')), choices.map((g) => h('option', { value: g.code }, g.name)));
  const msg = h('p', { role: 'status', id: `${id}-msg` }, notices.get(id) || '');
  notices.delete(id);
  const form = h('form', { id, class: 'card' }, h('h3', {}, title), h('p', { class: 'req' }, hint),
    h('p', {}, h('label', {}, _('台账文件'), ' ', file), ' ',
      h('label', {}, _('无“所在区县”列时的区县'), ' ', county)),
    h('p', {}, h('button', { type: 'submit' }, _('导入'))), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files.length) return;
    msg.className = '';
    msg.textContent = _('正在导入…');
    try {
      const r = await sendFile(path, file.files[0], county.value ? `region=${encodeURIComponent(county.value)}` : '');
      notices.set(id, _('已导入 {name}：新增 {added} 条，更新 {updated} 条，未变 {unchanged} 条。',
        { name: file.files[0].name, added: r.added, updated: r.updated, unchanged: r.unchanged }));
      done();
    } catch (err) {
      msg.className = 'error';
      msg.textContent = _('未导入任何记录：{reason}', { reason: err.message });
    }
  });
  return form;
}
