// Settings: default cost per seat, contract name template, service and billing code, when seat
// changes take effect, and which endpoint count is billed.

import { call } from '../api.js';
import { h, field, alertBox } from '../dom.js';
import { attempt, toast } from '../app.js';

const POLICIES = [
  ['today', 'The day the change is approved'],
  ['first_of_this_month', 'The first of this month (bill the whole month)'],
  ['first_of_next_month', 'The first of next month'],
];

export async function render(main) {
  const err = alertBox('st-error');
  const s = await attempt(err, () => call('settings_get'));
  main.append(h('h1', { text: 'Settings' }), err);
  if (!s) return;
  const policy = (id, value) => h('select', { id }, POLICIES.map(([v, t]) => h('option', { value: v, text: t, selected: v === value })));
  const cost = h('input', { id: 'st-cost', inputmode: 'decimal', value: s.default_cost_per_seat });
  const template = h('input', { id: 'st-template', value: s.contract_name_template });
  const service = h('input', { id: 'st-service', value: s.service_name });
  const billing = h('input', { id: 'st-billing', inputmode: 'numeric', value: s.billing_code_id ?? '' });
  const inc = policy('st-increase', s.increase_effective);
  const dec = policy('st-decrease', s.decrease_effective);
  const rule = h('select', { id: 'st-rule' },
    h('option', { value: 'deployed_endpoints', text: 'Deployed endpoints', selected: s.counting_rule.rule === 'deployed_endpoints' }),
    h('option', { value: 'filtering_enabled', text: 'Endpoints with filtering on', selected: s.counting_rule.rule === 'filtering_enabled' }),
    h('option', { value: 'seen_in_last_days', text: 'Endpoints seen in the last N days', selected: s.counting_rule.rule === 'seen_in_last_days' }));
  const days = h('input', { id: 'st-days', inputmode: 'numeric', value: s.counting_rule.days ?? 30 });
  const form = h('form', { id: 'st-form', class: 'panel' },
    field('Default cost per seat', cost, 'Used when a customer integration gives no cost.'),
    field('Contract name template', template, '{customer} is replaced by the customer\'s name.'),
    field('Service name', service, 'The catalog service added to each contract.'),
    field('Billing code id', billing, 'An active Recurring Contract Service billing code; empty finds one.'),
    field('Added seats take effect', inc),
    field('Removed seats take effect', dec),
    field('Seats are', rule),
    field('Days (for "seen in the last N days")', days),
    h('div', { class: 'actions' }, h('button', { id: 'st-save', type: 'submit', text: 'Save settings' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const counting = rule.value === 'seen_in_last_days' ? { rule: rule.value, days: Number(days.value) } : { rule: rule.value };
    const saved = await attempt(err, () => call('settings_save', { settings: {
      default_cost_per_seat: cost.value.trim() || '0',
      contract_name_template: template.value,
      service_name: service.value,
      billing_code_id: billing.value.trim() ? Number(billing.value) : null,
      increase_effective: inc.value,
      decrease_effective: dec.value,
      counting_rule: counting,
    } }));
    if (saved) toast('Settings saved.');
  });
  main.append(form);
}
