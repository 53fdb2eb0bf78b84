// Small DOM helpers: text goes in through textContent and is never parsed, so names that come
// from Autotask or Zorus cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A labelled input: the label's `for` points at the input's id. */
export function field(label, input, hint) {
  const hintId = hint ? `${input.id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: input.id, text: label }),
    input,
    hint ? h('small', { id: hintId, class: 'muted', text: hint }) : null);
}

export function when(text) {
  if (!text) return 'never';
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** Money arrives as a decimal string and is shown as it came, with two places at least. */
export function money(text) {
  if (text === null || text === undefined || text === '') return '';
  const s = String(text);
  const [whole, frac = ''] = s.split('.');
  return `${whole}.${frac.padEnd(2, '0')}`;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function alertBox(id) {
  return h('div', { id, class: 'alert', role: 'alert', hidden: true });
}

export function showAlert(el, text) {
  el.textContent = text || '';
  el.hidden = !text;
}

/**
 * A table with sortable columns. cols: [{ key, label, value(row) -> sortable, cell(row) -> node|text }].
 */
export function sortableTable(id, cols, rows, { onOpen, caption } = {}) {
  let sortKey = null;
  let dir = 1;
  const tbody = h('tbody');
  const render = () => {
    clear(tbody);
    const sorted = [...rows];
    if (sortKey) {
      const col = cols.find((c) => c.key === sortKey);
      sorted.sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    }
    for (const row of sorted) {
      const tr = h('tr', onOpen ? { tabindex: 0, class: 'clickable', 'data-id': row.id ?? row.integration_id } : {});
      for (const c of cols) {
        const v = c.cell ? c.cell(row) : c.value(row);
        tr.append(h('td', { class: c.num ? 'num' : null }, v ?? ''));
      }
      if (onOpen) {
        tr.addEventListener('click', (e) => { if (!e.target.closest('a,button,input')) onOpen(row); });
        tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') onOpen(row); });
      }
      tbody.append(tr);
    }
    if (!sorted.length) tbody.append(h('tr', {}, h('td', { colspan: cols.length, class: 'muted', text: 'Nothing to show.' })));
  };
  const head = h('tr', {}, cols.map((c) => {
    const th = h('th', { scope: 'col', class: c.num ? 'num' : null });
    if (c.value) {
      th.append(h('button', {
        type: 'button', class: 'sort', text: c.label,
        onclick: () => {
          dir = sortKey === c.key ? -dir : 1;
          sortKey = c.key;
          for (const o of head.querySelectorAll('th')) o.removeAttribute('aria-sort');
          th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
          render();
        },
      }));
    } else th.textContent = c.label;
    return th;
  }));
  render();
  return h('table', { id }, caption ? h('caption', { class: 'sr-only', text: caption }) : null, h('thead', {}, head), tbody);
}

/**
 * Asks inside the page (no window.confirm: a native dialog would block the webview and its
 * tests). Resolves true on yes.
 */
export function confirmIn(container, message, yesLabel, id = 'confirm') {
  return new Promise((resolve) => {
    container.querySelector(`#${id}`)?.remove();
    const done = (v) => { box.remove(); resolve(v); };
    const yes = h('button', { id: `${id}-yes`, type: 'button', class: 'danger', text: yesLabel, onclick: () => done(true) });
    const box = h('div', { id, class: 'confirm', role: 'group', 'aria-label': 'Confirm' },
      h('p', { text: message }), yes,
      h('button', { id: `${id}-no`, type: 'button', class: 'secondary', text: 'Cancel', onclick: () => done(false) }));
    container.append(box);
    yes.focus();
  });
}
