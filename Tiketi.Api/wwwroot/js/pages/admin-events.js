// @ts-check
// Operator console: every event, drafts included, with links to manage them; times on each venue's clock.
import { api, ApiError } from '../api.js';
import { page, el, notify } from '../layout.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';
import { requireAdmin, openDashboard } from '../admin.js';

/** @type {{ items: import('../types').EventListItem[] } | null} */
let events = null;

function render() {
  if (!events) return;
  const box = /** @type {HTMLElement} */ (document.getElementById('events'));
  if (!events.items.length) {
    box.replaceChildren(el('p', { class: 'muted', text: t('admin.noEvents') }));
    return;
  }
  box.replaceChildren(el('table', {},
    el('caption', { class: 'visually-hidden', text: t('admin.events') }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: t('admin.colTitle') }),
      el('th', { scope: 'col', text: t('admin.colStatus') }),
      el('th', { scope: 'col', text: t('admin.colStarts') }),
      el('th', { scope: 'col', text: t('admin.colSale') }))),
    el('tbody', {}, events.items.map(e => el('tr', {},
      el('td', {}, el('a', { href: `/admin/event.html?id=${encodeURIComponent(e.eventId)}`, text: e.title }), el('div', { class: 'small muted', text: `${e.artist} · ${e.venue}` })),
      el('td', {}, el('span', { class: `badge ${e.status}`, text: t(`status.${e.status}`) }),
        e.soldOut ? el('span', { class: 'badge sold-out', text: t('event.soldOut') }) : null),
      el('td', { text: dateTime(e.startsAt, e.timeZone) }),
      el('td', { text: dateTime(e.saleOpensAt, e.timeZone) }))))));
}

/** @type {HTMLElement} */ (document.getElementById('dashboard')).addEventListener('click', openDashboard);
page({ active: 'admin', render });

if (requireAdmin()) {
  try {
    events = await api('/api/admin/events');
    sessionStorage.setItem('tiketi.adminEvents', JSON.stringify(events?.items ?? []));
    render();
  } catch (error) {
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
