// Seats: the saved seats (offline too), then endpoints against the units read from Autotask with
// the planned change per integration; tick lines, Apply selected with progress and a result per
// line; CSV export.

import { call, onProgress } from '../api.js';
import { h, alertBox, when, clear, sortableTable } from '../dom.js';
import { attempt, refreshStatus, toast } from '../app.js';

const KIND = { in_sync: 'In sync', change: 'Change', skipped: 'Skipped' };

export async function render(main) {
  const err = alertBox('se-error');
  const saved = (await attempt(err, () => call('integrations_list'))) || [];
  const read = h('button', { id: 'se-refresh', type: 'button', text: 'Read seats from Autotask' });
  const holder = h('div', { class: 'table-wrap' });
  const after = h('div', { id: 'se-after' });
  main.append(h('div', { class: 'title-row' }, h('h1', { text: 'Seats' }), h('span', { class: 'spacer' }), read),
    h('p', { class: 'muted', text: 'Seats are the units on each customer\'s contract service in Autotask. Nothing is changed until you tick lines and apply them.' }),
    err, holder, after);
  clear(holder).append(sortableTable('se-saved', [
    { key: 'customer', label: 'Customer', value: (r) => r.customer.toLowerCase(), cell: (r) => r.customer },
    { key: 'account', label: 'Account', value: (r) => r.account.toLowerCase(), cell: (r) => r.account },
    { key: 'endpoints', label: 'Endpoints', num: true, value: (r) => r.endpoints },
    { key: 'seats', label: 'Seats (saved)', num: true, value: (r) => r.seats, cell: (r) => r.seats ?? '—' },
    { key: 'read', label: 'Last read', value: (r) => r.seats_read_at || '', cell: (r) => when(r.seats_read_at) },
  ], saved, { caption: 'Saved seats' }));
  read.addEventListener('click', async () => {
    read.disabled = true;
    const page = await attempt(err, () => call('seats_refresh'));
    read.disabled = false;
    await refreshStatus();
    if (page) showPlan(holder, after, page, err);
  });
}

function showPlan(holder, after, page, err) {
  const boxes = new Map();
  const results = new Map();
  const resultCell = (l) => h('span', { id: `se-result-${l.integration_id}`, class: 'result' }, results.get(l.integration_id) || '');
  const table = sortableTable('se-table', [
    { key: 'pick', label: 'Apply', cell: (l) => {
      if (l.kind !== 'change') return '';
      const cb = boxes.get(l.integration_id) || h('input', { type: 'checkbox', id: `se-pick-${l.integration_id}`, checked: true, 'aria-label': `Apply the change for ${l.customer}` });
      boxes.set(l.integration_id, cb);
      return cb;
    } },
    { key: 'customer', label: 'Customer', value: (l) => l.customer.toLowerCase(), cell: (l) => l.customer },
    { key: 'account', label: 'Account', value: (l) => l.account.toLowerCase(), cell: (l) => l.account },
    { key: 'endpoints', label: 'Endpoints', num: true, value: (l) => l.endpoints, cell: (l) => l.endpoints ?? '—' },
    { key: 'seats', label: 'Seats', num: true, value: (l) => l.seats, cell: (l) => l.seats ?? '—' },
    { key: 'difference', label: 'Difference', num: true, value: (l) => l.difference, cell: (l) => (l.difference > 0 ? `+${l.difference}` : l.difference ?? '—') },
    { key: 'kind', label: 'Planned change', value: (l) => l.kind, cell: (l) => (l.kind === 'change' ? `${l.difference > 0 ? '+' : ''}${l.difference} seats` : (l.reason || KIND[l.kind])) },
    { key: 'effective', label: 'Effective date', value: (l) => l.effective || '', cell: (l) => l.effective || '' },
    { key: 'result', label: 'Result', cell: resultCell },
  ], page.lines, { caption: 'Seats against endpoints' });
  clear(holder).append(table);
  const bar = h('progress', { id: 'se-progress', max: 1, value: 0, hidden: true, 'aria-label': 'Applying seat changes' });
  const apply = h('button', { id: 'se-apply', type: 'button', text: 'Apply selected', disabled: !page.lines.some((l) => l.kind === 'change') });
  const exp = h('button', { id: 'se-export', type: 'button', class: 'secondary', text: 'Export CSV' });
  exp.addEventListener('click', async () => {
    const path = await attempt(err, () => call('seats_export_csv'));
    if (path) toast(`Saved ${path}`);
  });
  apply.addEventListener('click', async () => {
    const ids = [...boxes].filter(([, cb]) => cb.checked).map(([id]) => id);
    if (!ids.length) { toast('Tick at least one line.'); return; }
    apply.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    const stop = await onProgress((p) => { if (p.task === 'seats' && p.total) { bar.max = p.total; bar.value = p.done; } });
    const out = await attempt(err, () => call('seats_apply', { integrationIds: ids }));
    stop();
    bar.value = bar.max;
    for (const o of out || []) {
      const text = { applied: `Applied: ${o.units} seats`, already_in_sync: `Already ${o.units} seats`, unverified: `Check: ${o.message}`, failed: `Failed: ${o.message}` }[o.result];
      results.set(o.integration_id, text);
      const cell = document.getElementById(`se-result-${o.integration_id}`);
      if (cell) { cell.textContent = text; cell.dataset.result = o.result; }
      boxes.get(o.integration_id)?.setAttribute('disabled', '');
    }
    if (out) toast(`${out.filter((o) => o.result === 'applied').length} of ${out.length} change(s) applied.`);
  });
  clear(after).append(
    ...(page.problems.length ? [h('ul', { class: 'problems', id: 'se-problems' }, page.problems.map((p) => h('li', { text: p })))] : []),
    h('div', { class: 'actions' }, apply, exp, bar),
    h('p', { class: 'muted', text: `Read with ${page.requests} request(s) to Autotask.` }));
}
