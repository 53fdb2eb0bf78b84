// Audit log: every connection change and write to Autotask, newest first, from the local store.

import { call } from '../api.js';
import { h, alertBox, when, sortableTable } from '../dom.js';
import { attempt } from '../app.js';

export async function render(main) {
  const err = alertBox('au-error');
  const rows = (await attempt(err, () => call('audit_log', { limit: 500 }))) || [];
  main.append(h('h1', { text: 'Audit log' }),
    h('p', { class: 'muted', text: 'Kept on this computer; shows without a network.' }), err,
    h('div', { class: 'table-wrap' }, sortableTable('au-table', [
      { key: 'at', label: 'When', value: (r) => r.at, cell: (r) => when(r.at) },
      { key: 'action', label: 'Action', value: (r) => r.action },
      { key: 'object', label: 'Object', value: (r) => r.object },
      { key: 'ids', label: 'Ids', value: (r) => r.object_ids || '' },
      { key: 'summary', label: 'What', value: (r) => r.summary },
      { key: 'outcome', label: 'Outcome', value: (r) => r.outcome },
    ], rows, { caption: 'Audit log' })));
}
