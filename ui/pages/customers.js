// Customers: the list with endpoint counts and where they came from; refresh from Zorus; CSV
// import with a per-line report; New Customer, optionally going on to associate it with Autotask.

import { call } from '../api.js';
import { h, field, alertBox, when, clear, sortableTable } from '../dom.js';
import { attempt, go, refreshStatus, toast } from '../app.js';

const SOURCES = { zorus: 'Zorus', csv: 'CSV import', manual: 'Typed in' };

export async function render(main, { status }) {
  const err = alertBox('cu-error');
  const page = (await attempt(err, () => call('customers_list'))) || { customers: [], rule: '' };
  const refresh = h('button', { id: 'cu-refresh', type: 'button', text: 'Refresh from Zorus', disabled: !status.has_zorus_key });
  refresh.addEventListener('click', async () => {
    refresh.disabled = true;
    const r = await attempt(err, () => call('customers_refresh'));
    refresh.disabled = false;
    if (r) {
      toast(`Zorus: ${r.added} new, ${r.renamed} renamed, ${r.vanished} gone, ${r.counts_updated} counts read.`);
      render(clear(main), { status: await refreshStatus() });
    }
  });
  const file = h('input', { id: 'cu-csv', type: 'file', accept: '.csv,text/csv' });
  const report = h('div', { id: 'cu-csv-report', role: 'status' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (!f) return;
    const r = await attempt(err, async () => call('customers_import_csv', { text: await f.text() }));
    file.value = '';
    if (!r) return;
    const list = await attempt(err, () => call('customers_list'));
    if (list) drawTable(list);
    clear(report).append(h('p', { text: `${r.added} added, ${r.updated} updated, ${r.problems.length} line(s) skipped.` }),
      r.problems.length ? h('ul', { class: 'problems' }, r.problems.map(([line, p]) => h('li', { text: `Line ${line}: ${p}` }))) : '');
  });
  const holder = h('div', { class: 'table-wrap' });
  main.append(
    h('div', { class: 'title-row' }, h('h1', { text: 'Customers' }), h('span', { class: 'spacer' }), refresh),
    h('p', { class: 'muted', text: status.has_zorus_key ? `Seats follow ${page.rule}.` : `No Zorus API key is saved (Integrations page): import a CSV file or type customers in. Seats follow ${page.rule}.` }),
    err, holder,
    h('section', { class: 'panel' }, h('h2', { text: 'Import from CSV' }),
      field('CSV file (name and endpoints per line, with a header)', file), report),
    newCustomer());
  const drawTable = (p) => clear(holder).append(sortableTable('cu-table', [
    { key: 'name', label: 'Customer', value: (c) => c.name.toLowerCase(), cell: (c) => c.name + (c.enabled ? '' : ' (disabled)') + (c.vanished ? ' (gone from Zorus)' : '') },
    { key: 'deployed', label: 'Endpoints', num: true, value: (c) => c.counts.deployed },
    { key: 'billable', label: 'Billable', num: true, value: (c) => c.billable },
    { key: 'source', label: 'From', value: (c) => c.source, cell: (c) => SOURCES[c.source] || c.source },
    { key: 'read', label: 'Counts read', value: (c) => c.counts_read_at || '', cell: (c) => when(c.counts_read_at) },
    { key: 'account', label: 'Autotask account', value: (c) => c.account || '', cell: (c) => (c.integration_id
      ? h('a', { href: `#/autotask/${c.integration_id}`, text: c.account })
      : (c.enabled ? h('a', { href: `#/wizard/${c.id}`, class: 'muted', text: 'Associate…' }) : '—')) },
  ], p.customers, { caption: 'Customers' }));
  drawTable(page);
}

function newCustomer() {
  const err = alertBox('nc-error');
  const name = h('input', { id: 'nc-name', required: true });
  const endpoints = h('input', { id: 'nc-endpoints', inputmode: 'numeric', required: true });
  const associate = h('input', { id: 'nc-associate', type: 'checkbox' });
  const form = h('form', { id: 'nc-form', class: 'panel' },
    h('h2', { text: 'New Customer' }),
    field('Name', name), field('Endpoints', endpoints),
    h('div', { class: 'radio' }, associate, h('label', { for: 'nc-associate', text: 'Associate with Autotask next (account, contact, contract, price; the planned writes are shown before anything is created)' })),
    h('div', { class: 'actions' }, h('button', { id: 'nc-save', type: 'submit', text: 'Add customer' })), err);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await attempt(err, () => call('customer_add', { input: { name: name.value, endpoints: endpoints.value } }));
    if (!r) return;
    await refreshStatus();
    if (associate.checked) go('wizard', String(r.customer_id));
    else { toast(`${name.value} added.`); go('customers', String(Date.now())); }
  });
  return form;
}
