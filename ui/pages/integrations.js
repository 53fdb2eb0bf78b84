// Integrations: pick a plugin (Autotask, or the Zorus API for customers), enable it by testing
// and saving its credentials, or disable it. Secrets are sent once and the fields are emptied.

import { call } from '../api.js';
import { h, field, alertBox, when, clear, confirmIn } from '../dom.js';
import { attempt, go, refreshStatus, toast } from '../app.js';

export async function render(main, { status }) {
  const select = h('select', { id: 'plugin' },
    h('option', { value: 'autotask', text: 'Autotask' }),
    h('option', { value: 'zorus', text: 'Zorus API (customers and endpoints)' }));
  const body = h('div', { id: 'plugin-body' });
  main.append(h('h1', { text: 'Integrations' }), field('Select Plugin', select), body);
  const show = () => (select.value === 'autotask' ? autotask(body, status) : zorus(body, status));
  select.addEventListener('change', show);
  show();
}

function autotask(body, status) {
  clear(body);
  const err = alertBox('at-error');
  if (status.connection) {
    const c = status.connection;
    const disable = h('button', { id: 'at-disable', type: 'button', class: 'danger', text: 'Disable Integration' });
    disable.addEventListener('click', async () => {
      if (!await confirmIn(body, 'Disable the Autotask integration? The secret is removed; saved mappings stay and still show offline.', 'Disable')) return;
      if (await attempt(err, () => call('disconnect_autotask')) !== undefined) {
        toast('Autotask integration disabled.');
        autotask(body, await refreshStatus());
      }
    });
    body.append(
      h('p', { id: 'at-enabled', class: 'ok' }, 'Enabled as ', h('strong', { text: c.username })),
      h('dl', { class: 'facts' },
        h('dt', { text: 'Zone' }), h('dd', { text: c.zone_url }),
        h('dt', { text: 'Verified' }), h('dd', { text: when(c.verified_at) })),
      h('div', { class: 'actions' }, h('a', { href: '#/autotask', class: 'button', text: 'Open Autotask page' }), disable),
      err);
    return;
  }
  const form = h('form', { id: 'at-form', class: 'panel', hidden: true });
  const enable = h('button', { id: 'at-enable', type: 'button', text: 'Enable Integration' });
  enable.addEventListener('click', () => { form.hidden = false; enable.hidden = true; form.querySelector('input').focus(); });
  const user = h('input', { id: 'at-username', name: 'username', autocomplete: 'username', required: true, spellcheck: 'false' });
  const secret = h('input', { id: 'at-secret', name: 'secret', type: 'password', autocomplete: 'current-password', required: true });
  const code = h('input', { id: 'at-code', name: 'code', spellcheck: 'false' });
  const save = h('button', { id: 'at-save', type: 'submit', text: 'Test and Save' });
  form.append(
    field('API username', user, 'The API user\'s login (looks like an email address).'),
    field('API secret', secret, 'Kept only in this computer\'s credential store.'),
    status.needs_integration_code ? field('API tracking identifier', code, 'From the API user\'s API Tracking Identifier section (Custom, internal integration).') : '',
    h('div', { class: 'actions' }, save),
    err);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    save.textContent = 'Testing…';
    const args = { username: user.value, secret: secret.value, integrationCode: status.needs_integration_code ? code.value : null };
    const ok = await attempt(err, () => call('connect_autotask', args));
    // The secret leaves the page either way: it is in the credential store now, or it was wrong.
    secret.value = '';
    save.disabled = false;
    save.textContent = 'Test and Save';
    if (ok !== undefined) {
      toast(`Connected as ${ok.api_user_name || ok.username}.`);
      await refreshStatus();
      go('autotask');
    } else secret.focus();
  });
  body.append(h('p', { text: 'Connect an Autotask API user. The app checks the username, secret and tracking identifier with Autotask before saving anything.' }), enable, form);
}

function zorus(body, status) {
  clear(body);
  const err = alertBox('zorus-error');
  const key = h('input', { id: 'zorus-key', type: 'password', autocomplete: 'off', required: true });
  const save = h('button', { id: 'zorus-save', type: 'submit', text: 'Test and Save' });
  const forget = h('button', { id: 'zorus-forget', type: 'button', class: 'secondary', text: 'Forget key', hidden: !status.has_zorus_key });
  const form = h('form', { id: 'zorus-form', class: 'panel' },
    h('p', { id: 'zorus-state', text: status.has_zorus_key ? 'A Zorus API key is saved. Customers and endpoints can be refreshed from Zorus.' : 'No Zorus API key is saved. Customers can also be imported from CSV or typed in.' }),
    field('Zorus API key', key, 'From the Zorus Partner Portal (Settings > API).'),
    h('div', { class: 'actions' }, save, forget), err);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const ok = await attempt(err, () => call('zorus_key_save', { key: key.value }));
    key.value = '';
    if (ok !== undefined) {
      toast('Zorus API key saved.');
      zorus(body, await refreshStatus());
    }
  });
  forget.addEventListener('click', async () => {
    if (await attempt(err, () => call('zorus_key_forget')) !== undefined) zorus(body, await refreshStatus());
  });
  body.append(form);
}
