// The shell of the page: sidebar routing, the header, the DEMO and offline banners. Each page is
// a module under pages/ exporting render(main, ctx).

import { call, IpcError } from './api.js';
import { describe } from './errors.js';
import { h, clear } from './dom.js';

const pages = {
  welcome: () => import('./pages/welcome.js'),
  integrations: () => import('./pages/integrations.js'),
  customers: () => import('./pages/customers.js'),
  autotask: () => import('./pages/autotask.js'),
  wizard: () => import('./pages/wizard.js'),
  seats: () => import('./pages/seats.js'),
  audit: () => import('./pages/audit.js'),
  settings: () => import('./pages/settings.js'),
};

let status = null;

export function currentStatus() {
  return status;
}

export async function refreshStatus() {
  try {
    status = await call('app_status');
  } catch (e) {
    status = status || { demo: false, offline: false, connection: null, integrations: 0, customers: 0 };
  }
  document.getElementById('demo-badge').hidden = !status.demo;
  document.getElementById('demo-banner').hidden = !status.demo;
  document.getElementById('demo-leave').hidden = !status.demo;
  document.getElementById('nav-autotask').hidden = !status.connection && !status.integrations;
  document.getElementById('conn-state').textContent = status.connection
    ? `Autotask: ${status.connection.username}`
    : 'Autotask not connected';
  const offline = document.getElementById('offline-banner');
  const reason = status.offline
    ? 'Autotask cannot be reached.'
    : (!status.connection && status.integrations ? 'No Autotask credentials are saved.' : null);
  offline.hidden = !reason;
  offline.textContent = reason
    ? `Offline: ${reason} Saved mappings, seat counts and the audit log still show, each with when it was last read.`
    : '';
  return status;
}

export function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 4000);
}

export function go(page, params = '') {
  location.hash = `#/${page}${params ? `/${params}` : ''}`;
}

/** Runs an action, showing its error in `alertEl` (or as a toast) in the partner's words. */
export async function attempt(alertEl, action) {
  if (alertEl) { alertEl.hidden = true; alertEl.textContent = ''; }
  try {
    return await action();
  } catch (e) {
    const err = e instanceof IpcError ? e : new IpcError('internal', String(e));
    if (alertEl) {
      alertEl.textContent = describe(err);
      alertEl.dataset.code = err.code;
      alertEl.hidden = false;
    } else toast(describe(err));
    await refreshStatus();
    return undefined;
  }
}

async function route() {
  const [, name = '', param = ''] = location.hash.split('/');
  await refreshStatus();
  let page = name in pages ? name : null;
  if (!page) page = !status.connection && !status.integrations && !status.demo ? 'welcome' : 'autotask';
  if (page === 'autotask' && !status.connection && !status.integrations) page = 'integrations';
  for (const a of document.querySelectorAll('nav.side a')) {
    if (a.dataset.page === page || (page === 'wizard' && a.dataset.page === 'autotask')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const main = clear(document.getElementById('main'));
  main.dataset.page = page;
  const mod = await pages[page]();
  try {
    await mod.render(main, { status, param: decodeURIComponent(param) });
  } catch (e) {
    main.append(h('div', { class: 'alert', role: 'alert', text: describe(e) }));
  }
  main.dataset.ready = 'true';
}

document.getElementById('demo-leave').addEventListener('click', async () => {
  await attempt(null, () => call('demo_stop'));
  toast('Demo mode left. Your own data is back.');
  location.hash = '#/';
  await route();
});

window.addEventListener('hashchange', route);
route().then(() => {
  // Two frames: the first is laid out, the second is on screen.
  requestAnimationFrame(() => requestAnimationFrame(() => call('ui_ready').catch(() => {})));
});
