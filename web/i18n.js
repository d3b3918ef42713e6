// Page text in the server's language (docs/i18n.md). The web UI's message
// ids are its Chinese strings, _('提交审核') or _('共 {n} 条', { n }); for
// zh_CN they are shown as written, for another language looked up in the
// catalogue the build compiles from po/web/<lang>.po (/vendor/i18n-<lang>.json).
// The language is the one `qcity serve` runs in: the server writes it into
// the page it serves (<html lang="en">; the page as written says zh-CN), so
// nothing is asked before the first page draws.
// The function is _, as in the C code (t names a target in many pages).
// Loaded before any page module runs (top-level await), so tables of
// labels built at import time are translated too.
let catalogue = {};

async function json(path) {
  try {
    const res = await fetch(path, { credentials: 'same-origin' });
    return res.ok ? await res.json() : null;
  } catch { return null; }
}

export const lang = (document.documentElement.lang || 'zh-CN').replace('-', '_');
if (lang !== 'zh_CN') catalogue = (await json(`/vendor/i18n-${lang}.json`)) || {};

// msgid in the page's language; {name} is replaced by vars.name.
export function _(msgid, vars) {
  const s = Object.prototype.hasOwnProperty.call(catalogue, msgid) ? catalogue[msgid] : msgid;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
}

// Static text of the HTML pages: elements marked data-i18n hold a msgid.
if (lang !== 'zh_CN') {
  for (const el of document.querySelectorAll('[data-i18n]'))
    el.textContent = _(el.textContent.trim().replace(/\s+/g, ' '));
}
