// First screen with no credentials: try the app on demo data, or set up Autotask.

import { call, onProgress } from '../api.js';
import { h, alertBox } from '../dom.js';
import { attempt, go, refreshStatus } from '../app.js';

export async function render(main) {
  const err = alertBox('welcome-error');
  const bar = h('progress', { id: 'demo-progress', hidden: true, 'aria-label': 'Starting demo' });
  const start = h('button', { id: 'demo-start', type: 'button', text: 'Try with demo data' });
  start.addEventListener('click', async () => {
    start.disabled = true;
    bar.hidden = false;
    const stop = await onProgress(() => {});
    const ok = await attempt(err, () => call('demo_start'));
    stop();
    bar.hidden = true;
    start.disabled = false;
    if (ok !== undefined) {
      await refreshStatus();
      go('autotask');
    }
  });
  main.append(
    h('h1', { text: 'Autotask billing for your Zorus customers' }),
    h('p', { text: 'Map each Zorus customer to an Autotask account. The app creates a Recurring Service contract with a service whose seats follow the customer\'s endpoints, and shows every difference before it changes anything.' }),
    h('div', { class: 'cards' },
      h('section', { class: 'card' },
        h('h2', { text: 'Look around first' }),
        h('p', { text: 'Simulated Autotask and Zorus accounts with sample customers, running inside the app. Nothing is sent anywhere.' }),
        start, bar),
      h('section', { class: 'card' },
        h('h2', { text: 'Use your Autotask' }),
        h('p', { text: 'You need an Autotask API user (username and secret).' }),
        h('a', { href: '#/integrations', class: 'button', id: 'setup-autotask', text: 'Enable the Autotask integration' }))),
    err);
}
