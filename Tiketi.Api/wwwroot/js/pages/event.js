// One event: details, prices with availability, and the way in (waiting room or seat map).
import { api } from '../api.js';
import { auth } from '../auth.js';
import { page, el, notify, param } from '../layout.js';
import { t, errorText } from '../i18n.js';
import { dateTime, money, number } from '../format.js';
import { categoryColors, swatch } from '../seatmap.js';
import { remember } from '../events-cache.js';
import { waitlistRelevant, mountWaitlist } from '../waitlist-panel.js';

const eventId = param('id');
let event = null;
let waitlist = null; // the waitlist panel, kept across re-renders (language switch)

function entryUrl() {
  const next = `/${event.queueEnabled ? 'queue' : 'seats'}.html?id=${encodeURIComponent(event.eventId)}`;
  return auth.signedIn ? next : `/signin.html?return=${encodeURIComponent(next)}`;
}

function saleState() {
  const now = Date.now();
  if (event.status === 'cancelled') return { ok: false, text: t('event.cancelled') };
  if (event.status === 'closed' || now > Date.parse(event.saleClosesAt)) return { ok: false, text: t('event.closed') };
  // A lottery sale lets buyers into its pre-queue before the opening; arriving earlier than that gains nothing.
  if (now < Date.parse(event.saleOpensAt) && event.preQueueOpensAt && now >= Date.parse(event.preQueueOpensAt)) return { ok: true, preQueue: true };
  if (now < Date.parse(event.saleOpensAt)) {
    const opens = t('event.opensAt', { when: dateTime(event.saleOpensAt) });
    return { ok: false, text: event.preQueueOpensAt ? `${opens} ${t('event.preQueueOpensAt', { when: dateTime(event.preQueueOpensAt) })}` : opens };
  }
  if (event.availability && event.availability.available === 0 && event.availability.held === 0) return { ok: false, text: t('event.soldOut') };
  return { ok: true };
}

function render() {
  if (!event) return;
  document.title = `${event.title} · TIKETI`;
  const colors = categoryColors(event.categories);
  const sale = saleState();
  const rows = event.categories.map(c => {
    const counts = event.availabilityByCategory?.[c.id];
    return el('tr', {},
      el('th', { scope: 'row' }, swatch(colors.get(c.id)), c.name),
      el('td', { class: 'num', text: money(c.price, c.currency) }),
      el('td', { class: 'num', text: counts ? (counts.available > 0 ? number(counts.available) : t('event.none')) : '–' }));
  });
  const seats = event.blocks.filter(b => b.kind === 'reserved').length;
  const areas = event.blocks.length - seats;

  document.getElementById('event').replaceChildren(
    el('div', { class: 'event-hero' },
      el('span', { class: `badge ${event.status}`, text: t(`status.${event.status}`) }),
      el('h1', { text: event.title }),
      el('p', { class: 'when', text: event.artist })),
    el('div', { class: 'cols' },
      el('section', { class: 'card', 'aria-labelledby': 'facts-heading' },
        el('h2', { id: 'facts-heading', text: t('event.details') }),
        el('dl', { class: 'facts' },
          el('dt', { text: t('event.when') }), el('dd', { text: dateTime(event.startsAt) }),
          el('dt', { text: t('event.where') }), el('dd', { text: event.venue }),
          el('dt', { text: t('event.saleWindow') }), el('dd', { text: `${dateTime(event.saleOpensAt)} – ${dateTime(event.saleClosesAt)}` }),
          el('dt', { text: t('event.limit') }), el('dd', { text: t('event.limitValue', { n: event.perBuyerLimit }) }),
          el('dt', { text: t('event.layout') }), el('dd', { text: t('event.layoutValue', { seats, areas }) })),
        el('h2', { id: 'prices-heading', class: 'visually-hidden', text: t('event.prices') }),
        el('div', { class: 'table-scroll' },
          el('table', { 'aria-labelledby': 'prices-heading' },
            el('thead', {}, el('tr', {},
              el('th', { scope: 'col', text: t('event.category') }),
              el('th', { scope: 'col', class: 'num', text: t('event.price') }),
              el('th', { scope: 'col', class: 'num', text: t('event.available') }))),
            el('tbody', {}, rows)))),
      el('aside', { class: 'card', 'aria-labelledby': 'buy-heading' },
        el('h2', { id: 'buy-heading', text: t('event.tickets') }),
        sale.ok
          ? [el('p', { class: 'small muted', text: sale.preQueue ? t('event.preQueueNote', { when: dateTime(event.saleOpensAt) }) : event.queueEnabled ? t('event.queueNote') : t('event.directNote') }),
             el('a', { class: 'btn big', id: 'get-tickets', href: entryUrl(), text: t('event.getTickets') })]
          : el('p', { class: 'notice warn', text: sale.text }),
        waitlist)));
}

page({ active: 'events', render });

if (!eventId) {
  notify('msg', 'error', errorText('EVT001'));
} else {
  try {
    event = await api(`/api/events/${encodeURIComponent(eventId)}`);
    remember(event);
    render();
    if (waitlistRelevant(event)) {
      waitlist = await mountWaitlist(event);
      render();
    }
  } catch (error) {
    document.getElementById('event').replaceChildren();
    notify('msg', 'error', error.friendly);
  }
}
