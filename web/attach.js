// Attachments as every page uses them (progress reports, 督查 answers): upload one file to POST /api/attachments
// (the raw file as the body, streamed to disk by the server) and show a
// list of files with their download links.
import { upload } from './api.js';
import { h } from './ui.js';
import { _ } from './i18n.js';

export const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
export const PERIOD_KIND = { annual: _('年度'), half_year: _('半年'), monthly: _('月度') };

// "2020年", "2020年上半年", "2020年第2季度", "2020年3月".
export function periodLabel(p) {
  const m = /^(\d{4})(?:-(H|Q)?(\d{1,2}))?$/.exec(p || '');
  if (!m) return p || '';
  if (!m[3]) return _('{x1}年', { x1: m[1] });
  if (m[2] === 'H') return _('{x1}年{x2}半年', { x1: m[1], x2: m[3] === '1' ? _('上') : _('下') });
  if (m[2] === 'Q') return _('{x1}年第{x2}季度', { x1: m[1], x2: m[3] });
  return _('{x1}年{x2}月', { x1: m[1], x2: Number(m[3]) });
}

export function sizeLabel(n) {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return _('{n} 字节', { n });
}

// A link that downloads the attachment (the session cookie goes along).
export function fileLink(a) {
  return h('a', { class: 'file', href: a.url, download: a.name, 'data-id': a.id }, a.name,
    h('span', { class: 'size' }, ` (${sizeLabel(a.size)})`));
}

// An upload control: picks files, uploads each at once, and keeps the list
// of attachments (ids) in `files`; onChange runs after each change. unit:
// the owning unit when the office uploads for one; listed false: the
// caller shows the files (a picker of its own).
export function fileField(files, { disabled = false, onChange = () => {}, label = _('上传附件'), unit, listed = true } = {}) {
  const list = h('ul', { class: 'files' });
  const err = h('span', { class: 'field-error', role: 'alert' });
  // The browser's own file button speaks the browser's language: it is
  // hidden behind a label of ours.
  const input = h('input', { type: 'file', class: 'file-input', accept: ACCEPT, multiple: true, disabled, 'aria-label': label });
  const draw = () => list.replaceChildren(...files.map((a) => h('li', {}, fileLink(a))));
  input.addEventListener('change', async () => {
    err.textContent = '';
    for (const f of input.files) {
      try {
        files.push(await upload(f, unit));
      } catch (e) {
        err.textContent = _('{name}：{message}', { name: f.name, message: e.message });
      }
    }
    input.value = '';
    draw();
    onChange();
  });
  draw();
  return h('div', { class: 'attach' }, h('label', { class: `upload${disabled ? ' disabled' : ''}` },
    h('span', { class: 'button' }, `${label}…`), _(' PDF、Word、Excel 或图片'), input), err, listed ? list : null);
}
