// Work items by lead unit, late ones first; sections (outline headings)
// only name the heading an item sits under.
import { api } from './api.js';
import { h, clear } from './ui.js';
import { currentPlan, planPicker } from './plan.js';
import { periodLabel } from './attach.js';
import { _ } from './i18n.js';

const TASK_LABEL = { late: _('逾期'), not_reported: _('未报送'), on_time: _('按期推进'), done: _('已完成') };
const TASK_ORDER = ['late', 'not_reported', 'on_time', 'done'];

export async function tasksPage(ctx) {
  const { app, me, route } = ctx;
  const { plans, plan } = await currentPlan();
  const all = await api('GET', `/api/plans/${plan.id}/tasks`);
  // Sections are the outline's headings: no unit, no state. Each item
  // shows the heading it sits under (the longest section key before it).
  const sections = all.filter((t) => t.kind === 'section');
  const tasks = all.filter((t) => t.kind !== 'section');
  const heading = (t) => sections.filter((x) => t.key.startsWith(`${x.key}.`))
    .sort((a, b) => b.key.length - a.key.length)[0];
  const byUnit = new Map();
  for (const t of tasks) {
    const u = t.unit || _('未明确牵头单位');
    if (!byUnit.has(u)) byUnit.set(u, []);
    byUnit.get(u).push(t);
  }
  const late = (l) => l.filter((t) => t.state === 'late').length;
  const units = [...byUnit].sort((a, b) => late(b[1]) - late(a[1]));
  clear(app).append(planPicker(plans, plan, route), h('h2', {}, _('工作任务（按牵头单位，逾期在前）')),
    ...units.map(([unit, list]) => h('section', { class: 'card' },
      h('h3', {}, `${unit}${late(list) ? _('（逾期 {list} 项）', { list: late(list) }) : ''}`),
      h('ul', { class: 'tasks' }, list.sort((a, b) => TASK_ORDER.indexOf(a.state) - TASK_ORDER.indexOf(b.state))
        .map((t) => h('li', { class: `t-${t.state}` },
          h('span', { class: 'tag' }, TASK_LABEL[t.state] || t.state), ' ',
          heading(t) ? h('span', { class: 'section' }, `${heading(t).title || heading(t).key} › `) : '',
          `${t.title || t.key}`, t.due ? _('（完成时限 {due}）', { due: t.due }) : '',
          t.last_period ? _('；最近报送 {last_period}', { last_period: periodLabel(t.last_period) }) : ''))))));
}
