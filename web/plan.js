// The plan the pages show: the one chosen last, else the first with targets.
import { api } from './api.js';
import { h } from './ui.js';
import { _ } from './i18n.js';

export async function currentPlan() {
  const plans = await api('GET', '/api/plans');
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
