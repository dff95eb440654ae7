// @ts-check
// Upcoming events with search. Each card says "Sold out" by the same rule as the event and seat pages.
import { api, ApiError } from '../api.js';
import { page, el, notify } from '../layout.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';
import { saleAvailability } from '../availability.js';

/** @typedef {import('../types').EventListItem} EventListItem */

const params = new URLSearchParams(location.search);
const query = params.get('q') ?? '';
const pageNumber = Math.max(1, Number(params.get('page')) || 1);
/** @type {{ items: EventListItem[], total: number, pageSize: number } | null} */
let result = null;
/** @param {string} id */
const $ = id => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} q
 * @param {number} p
 */
function go(q, p) {
  const next = new URLSearchParams();
  if (q) next.set('q', q);
  if (p > 1) next.set('page', String(p));
  location.href = `/${next.size ? `?${next}` : ''}`;
}

/** @param {EventListItem} e */
function card(e) {
  const soldOut = saleAvailability(e) === 'soldOut';
  return el('li', {},
    el('article', { class: 'card event-card', dataset: { event: e.eventId } },
      el('span', {},
        el('span', { class: `badge ${e.status}`, text: t(`status.${e.status}`) }),
        soldOut ? el('span', { class: 'badge sold-out', text: t('event.soldOut') } ) : null),
      el('h2', {}, el('a', { href: `/event.html?id=${encodeURIComponent(e.eventId)}`, text: e.title })),
      el('p', { class: 'muted', text: e.artist }),
      el('p', { class: 'when', text: dateTime(e.startsAt, e.timeZone) }),
      el('p', { text: e.venue }),
      el('p', { class: 'small muted', text: soldOut ? t('event.soldOut') : new Date(e.saleOpensAt) > new Date() ? t('events.saleOpens', { when: dateTime(e.saleOpensAt, e.timeZone) }) : t('events.saleOpen') })));
}

function render() {
  /** @type {HTMLInputElement} */ ($('q')).value = query;
  if (!result) return;
  $('events').replaceChildren(...result.items.map(card));
  $('count').textContent = result.total === 0
    ? t(query ? 'events.noneFor' : 'events.none', { q: query })
    : t(query ? 'events.foundFor' : 'events.found', { n: result.total, q: query });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pager = $('pager');
  pager.replaceChildren();
  if (pages > 1) {
    pager.append(
      el('button', { type: 'button', class: 'btn secondary small', disabled: pageNumber <= 1, onclick: () => go(query, pageNumber - 1), text: t('events.previous') }),
      el('span', { class: 'muted', text: t('events.pageOf', { page: pageNumber, pages }) }),
      el('button', { type: 'button', class: 'btn secondary small', disabled: pageNumber >= pages, onclick: () => go(query, pageNumber + 1), text: t('events.next') }));
  }
}

$('search').addEventListener('submit', event => {
  event.preventDefault();
  go(/** @type {HTMLInputElement} */ ($('q')).value.trim(), 1);
});

page({ active: 'events', render });

try {
  const search = new URLSearchParams({ page: String(pageNumber), pageSize: '24' });
  if (query) search.set('q', query);
  result = await api(`/api/events?${search}`);
  render();
} catch (error) {
  notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
}
