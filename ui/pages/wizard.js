// Add Customer Integration: 1 customer, 2 Autotask account (type-ahead over the local cache, with
// the suggested match), 3 contact, 4 contract (new, or an existing default one), 5 price and cost
// per seat; then the planned writes, Create with a progress bar per step, and the summary.

import { call, onProgress } from '../api.js';
import { h, field, alertBox, clear, money } from '../dom.js';
import { attempt, go, refreshStatus } from '../app.js';
import { summaryFacts } from './autotask.js';

export async function render(main, { param }) {
  const err = alertBox('wz-error');
  const page = (await attempt(err, () => call('customers_list'))) || { customers: [] };
  const free = page.customers.filter((c) => !c.integration_id && c.enabled);
  const customer = h('select', { id: 'wz-customer', required: true },
    h('option', { value: '', text: free.length ? 'Choose a customer' : 'No customer without an integration' }),
    free.map((c) => h('option', { value: c.id, text: `${c.name} (${c.billable} endpoints)` })));
  if (param && free.some((c) => String(c.id) === param)) customer.value = param;
  const steps = associateSteps();
  const review = h('button', { id: 'wz-review', type: 'submit', text: 'Review planned writes' });
  const form = h('form', { id: 'wz-form', class: 'wizard' },
    h('fieldset', {}, h('legend', { text: '1. Customer' }), field('Zorus customer', customer)),
    steps.node,
    h('div', { class: 'actions' }, review, h('a', { href: '#/autotask', class: 'button secondary', text: 'Cancel' })),
    err);
  const planBox = h('section', { id: 'wz-plan', class: 'panel', hidden: true, 'aria-label': 'Planned writes' });
  main.append(h('h1', { text: 'Add Customer Integration' }), form, planBox);
  customer.addEventListener('change', () => steps.suggestFor(customer.value));
  // The account search reads the local copy: bring it up to date first (only changes once filled).
  steps.refreshAccounts().then(() => { if (customer.value) steps.suggestFor(customer.value); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = steps.collect(err);
    if (!chosen) return;
    if (!customer.value) { err.textContent = 'Choose a customer.'; err.hidden = false; customer.focus(); return; }
    const view = await attempt(err, () => call('integration_plan', { input: { customerId: Number(customer.value), ...chosen } }));
    if (view) showPlan(planBox, view, form);
  });
}

/** Steps 2 to 5, shared with New Customer's "Associate with Autotask". */
export function associateSteps() {
  let companyId = null;
  const account = h('input', { id: 'wz-account', type: 'search', autocomplete: 'off', role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'wz-account-list', 'aria-autocomplete': 'list' });
  const list = h('ul', { id: 'wz-account-list', role: 'listbox', class: 'listbox', hidden: true, 'aria-label': 'Matching accounts' });
  const chosen = h('p', { id: 'wz-account-chosen', class: 'muted', text: 'No account chosen.' });
  const suggestion = h('p', { id: 'wz-suggestion', hidden: true });
  const contact = h('select', { id: 'wz-contact', disabled: true }, h('option', { value: '', text: 'Choose an account first' }));
  const contractNew = h('input', { id: 'wz-contract-new', type: 'radio', name: 'contract', value: 'new', checked: true });
  const contractOld = h('input', { id: 'wz-contract-existing-choice', type: 'radio', name: 'contract', value: 'existing', disabled: true });
  const existing = h('select', { id: 'wz-contract-existing', disabled: true }, h('option', { value: '', text: 'No default contract to reuse' }));
  const hidden = h('p', { id: 'wz-contracts-hidden', class: 'muted' });
  const price = h('input', { id: 'wz-price', inputmode: 'decimal', required: true, placeholder: '4.50' });
  const cost = h('input', { id: 'wz-cost', inputmode: 'decimal', placeholder: 'default from Settings' });

  const choose = async (c) => {
    companyId = c.id;
    account.value = c.name;
    chosen.textContent = `Account: ${c.name} (Autotask id ${c.id})`;
    list.hidden = true;
    account.setAttribute('aria-expanded', 'false');
    const contacts = await attempt(null, () => call('company_contacts', { companyId: c.id }));
    clear(contact).append(h('option', { value: '', text: 'No contact' }),
      ...(contacts?.items || []).map((p) => h('option', { value: p.id, text: `${p.first_name} ${p.last_name}${p.email ? ` <${p.email}>` : ''}` })));
    contact.disabled = false;
    if (contacts?.items?.length) contact.value = contacts.items[0].id;
    const contracts = await attempt(null, () => call('company_contracts', { companyId: c.id }));
    clear(existing);
    const usable = contracts?.usable || [];
    if (usable.length) usable.forEach((k) => existing.append(h('option', { value: k.id, text: `${k.name} (id ${k.id})` })));
    else existing.append(h('option', { value: '', text: 'No default contract to reuse' }));
    existing.disabled = !usable.length;
    contractOld.disabled = !usable.length;
    const notes = [];
    if (contracts?.not_default) notes.push(`${contracts.not_default} contract(s) hidden: only the account's default service desk contract can be reused.`);
    for (const x of contracts?.hidden || []) notes.push(`${x.contract.name} hidden: ${x.reason}`);
    if (contracts?.offline) notes.push('Autotask could not be reached: contracts from the last read.');
    hidden.textContent = notes.join(' ');
  };
  let timer = null;
  account.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const found = (await attempt(null, () => call('companies_search', { query: account.value }))) || [];
      clear(list);
      found.forEach((c, i) => {
        const li = h('li', { role: 'option', id: `wz-account-opt-${i}`, tabindex: -1, 'data-id': c.id, text: `${c.name}${c.city ? ` — ${c.city}` : ''}${c.is_active ? '' : ' (inactive)'}` });
        li.addEventListener('click', () => choose(c));
        li.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') { e.preventDefault(); choose(c); }
          if (e.key === 'ArrowDown') li.nextSibling?.focus();
          if (e.key === 'ArrowUp') (li.previousSibling || account).focus();
        });
        list.append(li);
      });
      list.hidden = !found.length;
      account.setAttribute('aria-expanded', String(!!found.length));
    }, 150);
  });
  account.addEventListener('keydown', (e) => { if (e.key === 'ArrowDown' && list.firstChild) { e.preventDefault(); list.firstChild.focus(); } });

  const node = h('div', {},
    h('fieldset', {}, h('legend', { text: '2. Autotask account' }),
      suggestion,
      field('Search accounts', account, 'Type part of the name; the list comes from the local copy of your Autotask accounts.'),
      list, chosen,
      h('button', { type: 'button', id: 'wz-refresh-accounts', class: 'secondary', text: 'Refresh accounts from Autotask',
        onclick: async () => { const r = await attempt(null, () => call('companies_refresh', { full: false })); if (r) chosen.textContent = `${r.cached} accounts in the local copy.`; } })),
    h('fieldset', {}, h('legend', { text: '3. Contact' }), field('Contact', contact)),
    h('fieldset', {}, h('legend', { text: '4. Contract' }),
      h('div', { class: 'radio' }, contractNew, h('label', { for: 'wz-contract-new', text: 'New Recurring Service contract' })),
      h('div', { class: 'radio' }, contractOld, h('label', { for: 'wz-contract-existing-choice', text: 'Existing default service desk contract' })),
      field('Existing contract', existing), hidden),
    h('fieldset', {}, h('legend', { text: '5. Price' }),
      field('Price per seat', price, 'What the customer pays per seat each month, e.g. 4.50.'),
      field('Cost per seat', cost, 'Optional; empty uses the default from Settings.')));

  return {
    node,
    async refreshAccounts() {
      chosen.textContent = 'Reading accounts from Autotask…';
      const r = await attempt(null, () => call('companies_refresh', { full: false }));
      chosen.textContent = r ? `${r.cached} accounts in the local copy. No account chosen.` : 'Using the accounts read last time. No account chosen.';
      account.dataset.ready = 'true';
    },
    async suggestFor(customerId) {
      suggestion.hidden = true;
      if (!customerId) return;
      const s = await attempt(null, () => call('company_suggest', { customerId: Number(customerId) }));
      if (!s) return;
      clear(suggestion).append(`Suggested match: ${s.company.name} (${Math.round(s.score * 100)}% alike) `,
        h('button', { type: 'button', id: 'wz-use-suggestion', class: 'secondary', text: 'Use it', onclick: () => choose(s.company) }));
      suggestion.hidden = false;
    },
    collect(err) {
      if (!companyId) { err.textContent = 'Choose an Autotask account.'; err.hidden = false; account.focus(); return null; }
      const useExisting = contractOld.checked && existing.value;
      return {
        companyId,
        contactId: contact.value ? Number(contact.value) : null,
        contract: useExisting ? { kind: 'existing', id: Number(existing.value) } : { kind: 'new' },
        pricePerSeat: price.value,
        costPerSeat: cost.value || null,
      };
    },
  };
}

function showPlan(box, view, form) {
  const { plan } = view;
  clear(box);
  box.hidden = false;
  const err = alertBox('wz-create-error');
  const bars = plan.writes.map((w, i) => h('progress', { id: `wz-step-${w.step}`, max: 1, value: 0, 'aria-label': `Step ${i + 1}: ${w.what}` }));
  const rows = plan.writes.map((w, i) => h('li', { class: 'write' },
    h('strong', { text: w.what }),
    h('ul', { class: 'fields' }, w.fields.map(([k, v]) => h('li', { text: `${k}: ${v}` }))),
    bars[i]));
  const create = h('button', { id: 'wz-create', type: 'button', text: 'Create' });
  const back = h('button', { type: 'button', class: 'secondary', text: 'Change something', onclick: () => { box.hidden = true; form.hidden = false; } });
  const summary = h('div', { id: 'wz-summary' });
  box.append(
    h('h2', { text: 'Planned writes to Autotask' }),
    h('p', { text: `For ${plan.customer.name} on ${plan.company_name}: ${plan.units} seat(s) at ${money(plan.price_per_seat)} (cost ${money(plan.cost_per_seat)}), contract "${plan.contract_name}" ${plan.contract_start} to ${plan.contract_end}. Nothing is sent until you choose Create.` }),
    h('ol', { id: 'wz-writes' }, rows),
    h('div', { class: 'actions' }, create, back), err, summary);
  form.hidden = true;
  create.focus();
  create.addEventListener('click', async () => {
    create.disabled = true;
    back.disabled = true;
    const steps = plan.writes.map((w) => w.step);
    const stop = await onProgress((p) => {
      if (p.task !== 'create') return;
      steps.forEach((s, i) => { bars[i].value = i < p.done ? 1 : 0; });
    });
    const it = await attempt(err, () => call('integration_create', { planId: view.plan_id }));
    stop();
    if (!it) { back.disabled = false; return; }
    bars.forEach((b) => { b.value = 1; });
    create.hidden = true;
    back.hidden = true;
    await refreshStatus();
    clear(summary).append(h('h2', { text: 'Created' }), summaryFacts(it),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'wz-done', text: 'Back to Autotask', onclick: () => go('autotask') })));
    summary.querySelector('dl').id = 'wz-summary-facts';
    summary.scrollIntoView({ block: 'start' });
    summary.querySelector('#wz-done').focus();
  });
}
