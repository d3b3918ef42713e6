// Regions chosen by name, never typed as codes: the plan's region and
// those below it that the user may read, with the choice kept per plan.
import { api } from './api.js';
import { h } from './ui.js';
import { _ } from './i18n.js';

// Whether a GB/T 2260 code (six digits, nine for a township) lies in
// root's subtree (scope.h, by the code): a province's and a prefecture's
// trailing zeros stand for every code below.
export function covers(root, code) {
  if (!root) return true;
  let p = root;
  if (p.length === 6) p = p.endsWith('0000') ? p.slice(0, 2) : p.endsWith('00') ? p.slice(0, 4) : p;
  return code.startsWith(p);
}

// The regions a dashboard can show: the plan's and those below it that
// the user may read, the plan's first.
export async function regionChoices(plan, me) {
  if (!plan.region) return [];
  const kids = await api('GET', `/api/regions?parent=${encodeURIComponent(plan.region)}`);
  const mine = me.role === 'region' || me.role === 'unit' ? me.region : null;
  return [{ code: plan.region, name: plan.region_name || _('本级') }, ...kids.sort((a, b) => a.code.localeCompare(b.code))]
    .filter((g) => covers(mine, g.code));
}

// The region chosen for a plan (kept per plan in this browser), if still
// one of the choices; else the user's own, else the plan's.
export function chosenRegion(plan, me, choices, key = `region-${plan.id}`) {
  const saved = localStorage.getItem(key);
  const codes = choices.map((g) => g.code);
  if (saved && codes.includes(saved)) return saved;
  if (me.region && codes.includes(me.region)) return me.region;
  return codes[0] || null;
}

export function regionPicker(plan, choices, region, onChange, key = `region-${plan.id}`) {
  if (choices.length < 2) return '';
  const sel = h('select', { id: 'region', 'aria-label': _('地区') },
    choices.map((g) => h('option', { value: g.code, selected: g.code === region }, g.name)));
  sel.addEventListener('change', () => {
    localStorage.setItem(key, sel.value);
    onChange();
  });
  return h('label', { class: 'picker' }, _('地区：'), sel);
}


// Names of GB/T 2260 codes, for pages whose rows carry a code (a listing's
// region): each code's parent is asked once for its children (a
// province's for a city, the provinces for a province). A code whose name
// cannot be found stays as it is.
export async function regionNames(codes) {
  const names = new Map();
  const parents = new Set();
  for (const c of codes) {
    if (!/^\d{6}$/.test(c || '')) continue;
    parents.add(c.endsWith('0000') ? '' : c.endsWith('00') ? `${c.slice(0, 2)}0000` : `${c.slice(0, 4)}00`);
  }
  for (const p of parents) {
    try {
      for (const g of await api('GET', `/api/regions${p ? `?parent=${p}` : ''}`)) names.set(g.code, g.name);
    } catch { /* the code stays */ }
  }
  return (c) => names.get(c) || c;
}
