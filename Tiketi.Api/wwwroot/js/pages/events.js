// Upcoming events with search.
import { api } from '../api.js';
import { page, el, notify } from '../layout.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';

const params = new URLSearchParams(location.search);
const query = params.get('q') ?? '';
const pageNumber = Math.max(1, Number(params.get('page')) || 1);
let result = null;

function go(q, p) {
  const next = new URLSearchParams();
  if (q) next.set('q', q);
  if (p > 1) next.set('page', String(p));
  location.href = `/${next.size ? `?${next}` : ''}`;
}

function card(e) {
  return el('li', {},
    el('article', { class: 'card event-card' },
      el('span', {}, el('span', { class: `badge ${e.status}`, text: t(`status.${e.status}`) })),
      el('h2', {}, el('a', { href: `/event.html?id=${encodeURIComponent(e.eventId)}`, text: e.title })),
      el('p', { class: 'muted', text: e.artist }),
      el('p', { class: 'when', text: dateTime(e.startsAt) }),
      el('p', { text: e.venue }),
      el('p', { class: 'small muted', text: new Date(e.saleOpensAt) > new Date() ? t('events.saleOpens', { when: dateTime(e.saleOpensAt) }) : t('events.saleOpen') })));
}

function render() {
  document.getElementById('q').value = query;
  if (!result) return;
  const list = document.getElementById('events');
  list.replaceChildren(...result.items.map(card));
  document.getElementById('count').textContent = result.total === 0
    ? t(query ? 'events.noneFor' : 'events.none', { q: query })
    : t(query ? 'events.foundFor' : 'events.found', { n: result.total, q: query });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pager = document.getElementById('pager');
  pager.replaceChildren();
  if (pages > 1) {
    pager.append(
      el('button', { type: 'button', class: 'btn secondary small', disabled: pageNumber <= 1, onclick: () => go(query, pageNumber - 1), text: t('events.previous') }),
      el('span', { class: 'muted', text: t('events.pageOf', { page: pageNumber, pages }) }),
      el('button', { type: 'button', class: 'btn secondary small', disabled: pageNumber >= pages, onclick: () => go(query, pageNumber + 1), text: t('events.next') }));
  }
}

document.getElementById('search').addEventListener('submit', event => {
  event.preventDefault();
  go(document.getElementById('q').value.trim(), 1);
});

page({ active: 'events', render });

try {
  const search = new URLSearchParams({ page: String(pageNumber), pageSize: '24' });
  if (query) search.set('q', query);
  result = await api(`/api/events?${search}`);
  render();
} catch (error) {
  notify('msg', 'error', error.friendly ?? t('error.generic'));
}
