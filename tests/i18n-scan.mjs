// Shared by the i18n tests under tests/api and tests/e2e: the ASCII words
// in text that are not in tests/i18n-allow.txt (formats, units, the demo
// data's abbreviations), i.e. untranslated English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function allowList(src) {
  return new Set(readFileSync(join(src, 'tests/i18n-allow.txt'), 'utf8').split('\n')
    .map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

// Words of 2+ letters standing alone: a code with digits (a credit code,
// 2019-H1) is data; what people type (options, KEY=VALUE, routes such as
// /api/plans, `commands`) stays ASCII in any language.
export function englishWords(text, allow) {
  // Field names are codes too: “value”, 'reason', targets[3].value：, and
  // one field inside another's message (指标 1：value：…).
  const t = text.replace(/`[^`]*`|--[a-z-]+|\b[a-z_]+=|(?:GET|POST|PUT|PATCH|DELETE)? ?\/[A-Za-z0-9_/{}.?=&-]+|\b[\w.-]+(?:\/[\w.-]+)+|qcity( [a-z]+){1,3}/g, ' ')
    .replace(/[“'][a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)*[”']|(?:^|[\s（(：])[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+)*(?=：)/g, ' ');
  const found = new Map();
  for (const m of t.matchAll(/(?<![A-Za-z0-9_.-])[A-Za-z]{2,}(?![A-Za-z0-9_])/g)) {
    if (allow.has(m[0]) || found.has(m[0])) continue;
    const at = m.index;
    found.set(m[0], t.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' '));
  }
  return [...found].map(([w, ctx]) => `${w} (…${ctx}…)`);
}
