// Autotask: the customer integrations table (search, sort, filter), Add Customer Integration, and
// a row's summary with its Autotask ids linked into Autotask's web UI.

import { call } from '../api.js';
import { h, field, alertBox, when, money, clear, sortableTable, confirmIn } from '../dom.js';
import { attempt, go, refreshStatus, toast } from '../app.js';

export async function render(main, { param }) {
  const err = alertBox('it-error');
  const rows = (await attempt(err, () => call('integrations_list'))) || [];
  const add = h('button', { id: 'add-integration', type: 'button', text: 'Add Customer Integration', onclick: () => go('wizard') });
  const exp = h('button', { id: 'it-export', type: 'button', class: 'secondary', text: 'Export CSV' });
  exp.addEventListener('click', async () => {
    const path = await attempt(err, () => call('integrations_export_csv'));
    if (path) toast(`Saved ${path}`);
  });
  const search = h('input', { id: 'it-search', type: 'search', placeholder: 'Customer, account, contact or contract' });
  const filter = h('select', { id: 'it-status' },
    ['all', 'active', 'pending', 'failed', 'broken'].map((s) => h('option', { value: s, text: s === 'all' ? 'Any status' : s })));
  const holder = h('div', { class: 'table-wrap' });
  const summary = h('section', { id: 'it-summary', class: 'panel', hidden: true, 'aria-label': 'Integration summary', tabindex: -1 });
  const lastRead = rows.map((r) => r.seats_read_at).filter(Boolean).sort().pop();
  main.append(
    h('div', { class: 'title-row' }, h('h1', { text: 'Autotask' }), h('span', { class: 'spacer' }), exp, add),
    h('p', { class: 'muted', id: 'it-last-read', text: `${rows.length} customer integration(s). Seats last read from Autotask: ${when(lastRead)}.` }),
    h('div', { class: 'filters' }, field('Search', search), field('Status', filter)),
    err, holder, summary);
  const cols = [
    { key: 'customer', label: 'Customer', value: (r) => r.customer.toLowerCase(), cell: (r) => r.customer },
    { key: 'account', label: 'Account', value: (r) => r.account.toLowerCase(), cell: (r) => r.account },
    { key: 'contact', label: 'Contact', value: (r) => r.contact || '' , cell: (r) => r.contact || '—' },
    { key: 'contract', label: 'Contract', value: (r) => r.contract || '', cell: (r) => r.contract || '—' },
    { key: 'endpoints', label: 'Endpoints', num: true, value: (r) => r.endpoints },
    { key: 'seats', label: 'Seats', num: true, value: (r) => r.seats, cell: (r) => (r.seats ?? '—') },
    { key: 'price', label: 'Price/seat', num: true, value: (r) => Number(r.price_per_seat), cell: (r) => money(r.price_per_seat) },
    { key: 'cost', label: 'Cost/seat', num: true, value: (r) => Number(r.cost_per_seat), cell: (r) => money(r.cost_per_seat) },
    { key: 'margin', label: 'Monthly margin', num: true, value: (r) => Number(r.monthly_margin), cell: (r) => money(r.monthly_margin) },
    { key: 'status', label: 'Status', value: (r) => r.status, cell: (r) => h('span', { class: `status ${r.status}`, text: r.status }) },
    { key: 'read', label: 'Last read', value: (r) => r.seats_read_at || '', cell: (r) => when(r.seats_read_at) },
  ];
  const open = (r) => showSummary(summary, r, () => render(clear(main), {}));
  const draw = () => {
    const q = search.value.trim().toLowerCase();
    const shown = rows.filter((r) => (filter.value === 'all' || r.status === filter.value)
      && (!q || [r.customer, r.account, r.contact, r.contract].some((v) => v && v.toLowerCase().includes(q))));
    clear(holder).append(sortableTable('it-table', cols, shown, { onOpen: open, caption: 'Customer integrations' }));
  };
  search.addEventListener('input', draw);
  filter.addEventListener('change', draw);
  draw();
  const wanted = rows.find((r) => String(r.id) === param);
  if (wanted) open(wanted);
}

function link(kind, id, url) {
  if (!id) return '—';
  return h('a', {
    href: url || '#', class: 'ext', 'data-kind': kind, text: String(id),
    onclick: (e) => { e.preventDefault(); call('open_in_autotask', { kind, id }).catch(() => toast('Autotask could not be opened.')); },
  });
}

export function summaryFacts(r) {
  return h('dl', { class: 'facts', id: 'summary-facts' },
    h('dt', { text: 'Customer' }), h('dd', { text: r.customer }),
    h('dt', { text: 'Account' }), h('dd', {}, `${r.account} (`, link('account', r.company_id, r.account_url), ')'),
    h('dt', { text: 'Contact' }), h('dd', { text: r.contact || 'none' }),
    h('dt', { text: 'Contract' }), h('dd', {}, `${r.contract || ''} (`, link('contract', r.contract_id, r.contract_url), ')', r.contract_created_by_us ? ' — created by this app' : ''),
    h('dt', { text: 'Contract service' }), h('dd', { id: 'summary-cs', text: r.contract_service_id ?? 'not created yet' }),
    h('dt', { text: 'Seats (units)' }), h('dd', { id: 'summary-seats', text: r.seats ?? 'not read yet' }),
    h('dt', { text: 'Endpoints' }), h('dd', { text: r.endpoints }),
    h('dt', { text: 'Price per seat' }), h('dd', { id: 'summary-price', text: money(r.price_per_seat) }),
    h('dt', { text: 'Cost per seat' }), h('dd', { id: 'summary-cost', text: money(r.cost_per_seat) }),
    h('dt', { text: 'Monthly margin' }), h('dd', { text: money(r.monthly_margin) }),
    h('dt', { text: 'Status' }), h('dd', { id: 'summary-status', text: r.status + (r.last_error ? `: ${r.last_error}` : '') }),
    h('dt', { text: 'Seats last read' }), h('dd', { text: when(r.seats_read_at) }));
}

function showSummary(panel, r, reload) {
  clear(panel);
  panel.hidden = false;
  const err = alertBox('summary-error');
  const price = h('input', { id: 'summary-new-price', inputmode: 'decimal', value: r.price_per_seat });
  const setPrice = h('button', { type: 'button', id: 'summary-set-price', text: 'Change price' });
  setPrice.addEventListener('click', async () => {
    if (await attempt(err, () => call('integration_change_price', { id: r.id, price: price.value })) !== undefined) {
      toast('Price changed in Autotask.');
      reload();
    }
  });
  const retry = h('button', { type: 'button', id: 'summary-retry', text: 'Finish creating', hidden: r.status === 'active' });
  retry.addEventListener('click', async () => {
    if (await attempt(err, () => call('integration_retry', { id: r.id })) !== undefined) reload();
  });
  const unlink = h('button', { type: 'button', id: 'summary-unlink', class: 'danger', text: 'Unlink…' });
  unlink.addEventListener('click', async () => {
    if (!await confirmIn(panel, 'Remove this mapping? Nothing is deleted in Autotask; the contract keeps its current units.', 'Unlink')) return;
    if (await attempt(err, () => call('integration_unlink', { id: r.id, zeroUnits: false })) !== undefined) {
      toast('Unlinked.');
      await refreshStatus();
      reload();
    }
  });
  panel.append(
    h('div', { class: 'title-row' }, h('h2', { text: r.customer }), h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'secondary', text: 'Close', onclick: () => { panel.hidden = true; } })),
    summaryFacts(r),
    h('div', { class: 'actions' }, field('New price per seat', price), setPrice, retry, unlink),
    err);
  panel.focus();
}
