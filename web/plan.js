// The plan the pages show: the one chosen last, else the first with targets.
import { api } from './api.js';
import { h } from './ui.js';
import { _ } from './i18n.js';

// Thrown when the account may see no plan at all (a county's account under
// a city's plan: plans are read within the account's region, docs/web.md):
// the page says so instead of failing on a missing plan.
export class NoPlan extends Error {
  constructor() { super(_('本账户暂无可查看的实施方案：只列出本地区及下级地区已印发的方案。如需查看上级地区的方案，请联系领导小组办公室。')); }
}

export async function currentPlan() {
  const plans = await api('GET', '/api/plans');
  if (!plans.length) throw new NoPlan();
  const withTargets = plans.filter((p) => p.targets > 0);
  const saved = Number(localStorage.getItem('plan'));
  const plan = plans.find((p) => p.id === saved) || withTargets[0] || plans[0];
  return { plans, plan };
}

export function planPicker(plans, plan, onChange) {
  const sel = h('select', { id: 'plan', 'aria-label': _('实施方案') },
    plans.map((p) => h('option', { value: p.id, selected: p.id === plan.id },
      `${p.region_name || ''} · ${p.title}`)));
  sel.addEventListener('change', () => {
    localStorage.setItem('plan', sel.value);
    onChange();
  });
  return h('label', { class: 'picker' }, _('实施方案：'), sel);
}
