// @ts-check
// One event: details (time on the venue's clock, place, description, age rating, running time, poster),
// prices with availability, and the way in (waiting room or seat map), or the waitlist when sold out.
import { api, ApiError } from '../api.js';
import { auth } from '../auth.js';
import { page, el, notify, param } from '../layout.js';
import { t, errorText } from '../i18n.js';
import { dateTime, money, number } from '../format.js';
import { categoryColors, swatch } from '../seatmap.js';
import { remember } from '../events-cache.js';
import { waitlistRelevant, mountWaitlist } from '../waitlist-panel.js';
import { availabilityText, saleAvailability, categorySoldOut } from '../availability.js';

/** @typedef {import('../types').EventDetail} EventDetail */

const eventId = param('id');
/** @type {EventDetail | null} */
let event = null;
/** @type {HTMLElement | null} the waitlist panel, kept across re-renders (language switch) */
let waitlist = null;

/** @param {EventDetail} e */
function entryUrl(e) {
  const next = `/${e.queueEnabled ? 'queue' : 'seats'}.html?id=${encodeURIComponent(e.eventId)}`;
  return auth.signedIn ? next : `/signin.html?return=${encodeURIComponent(next)}`;
}

/**
 * @param {EventDetail} e
 * @returns {{ ok: boolean, text?: string, preQueue?: boolean, soldOut?: boolean }}
 */
function saleState(e) {
  const now = Date.now();
  const zone = e.timeZone;
  if (e.status === 'cancelled') return { ok: false, text: t('event.cancelled') };
  if (e.status === 'closed' || now > Date.parse(e.saleClosesAt)) return { ok: false, text: t('event.closed') };
  // A lottery sale lets buyers into its pre-queue before the opening; arriving earlier than that gains nothing.
  if (now < Date.parse(e.saleOpensAt) && e.preQueueOpensAt && now >= Date.parse(e.preQueueOpensAt)) return { ok: true, preQueue: true };
  if (now < Date.parse(e.saleOpensAt)) {
    const opens = t('event.opensAt', { when: dateTime(e.saleOpensAt, zone) });
    return { ok: false, text: e.preQueueOpensAt ? `${opens} ${t('event.preQueueOpensAt', { when: dateTime(e.preQueueOpensAt, zone) })}` : opens };
  }
  if (saleAvailability(e) === 'soldOut') return { ok: false, soldOut: true, text: t('event.soldOut') };
  return { ok: true };
}

/**
 * A category's available figure: sold out, only wheelchair pairs (on the seat map), or how many.
 * @param {import('../types').EventDetail} e
 * @param {string} categoryId
 * @param {import('../types').Counts} counts
 */
function availableText(e, categoryId, counts) {
  if (!categorySoldOut(e, categoryId)) return number(counts.available);
  return counts.available > 0 ? t('event.onlyAccessible', { n: number(counts.available) }) : t('event.soldOut');
}
function render() {
  if (!event) return;
  const e = event;
  document.title = `${e.title} · TIKETI`;
  const colors = categoryColors(e.categories);
  const sale = saleState(e);
  const rows = e.categories.map(c => {
    const counts = e.availabilityByCategory?.[c.id];
    return el('tr', {},
      el('th', { scope: 'row' }, swatch(colors.get(c.id)), c.name),
      el('td', { class: 'num', text: money(c.price, c.currency) }),
      el('td', { class: 'num', text: counts ? availableText(e, c.id, counts) : '–' }));
  });
  const seats = e.blocks.filter(b => b.kind === 'reserved').length;
  const areas = e.blocks.length - seats;
  const note = sale.ok ? availabilityText(e) : null;

  /** @type {(HTMLElement | null)[]} */
  const facts = [
    el('dt', { text: t('event.when') }), el('dd', { id: 'event-when', text: dateTime(e.startsAt, e.timeZone) }),
    el('dt', { text: t('event.where') }), el('dd', { text: e.venue }),
    el('dt', { text: t('event.saleWindow') }), el('dd', { text: `${dateTime(e.saleOpensAt, e.timeZone)} – ${dateTime(e.saleClosesAt, e.timeZone)}` }),
  ];
  if (e.runningMinutes) facts.push(el('dt', { text: t('event.runningTime') }), el('dd', { text: t('event.runningValue', { n: number(e.runningMinutes) }) }));
  if (e.ageRating) facts.push(el('dt', { text: t('event.ageRating') }), el('dd', { text: t(`age.${e.ageRating}`) }));
  facts.push(
    el('dt', { text: t('event.limit') }), el('dd', { text: t('event.limitValue', { n: e.perBuyerLimit }) }),
    el('dt', { text: t('event.layout') }), el('dd', { text: t('event.layoutValue', { seats, areas }) }));

  /** @type {HTMLElement} */ (document.getElementById('event')).replaceChildren(
    el('div', { class: 'event-hero' },
      el('span', { class: `badge ${e.status}`, text: t(`status.${e.status}`) }),
      sale.soldOut ? el('span', { class: 'badge sold-out', id: 'sold-out-badge', text: t('event.soldOut') }) : null,
      el('h1', { text: e.title }),
      el('p', { class: 'when', text: e.artist })),
    el('div', { class: 'cols' },
      el('section', { class: 'card', 'aria-labelledby': 'facts-heading' },
        e.posterUrl ? el('img', { class: 'poster', src: e.posterUrl, alt: t('event.posterAlt', { title: e.title }) }) : null,
        el('h2', { id: 'facts-heading', text: t('event.details') }),
        e.description ? el('p', { class: 'description', text: e.description }) : null,
        el('dl', { class: 'facts' }, facts),
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
          ? [note ? el('p', { class: 'notice info', id: 'sold-out', text: note }) : null,
             el('p', { class: 'small muted', text: sale.preQueue ? t('event.preQueueNote', { when: dateTime(e.saleOpensAt, e.timeZone) }) : e.queueEnabled ? t('event.queueNote') : t('event.directNote') }),
             el('a', { class: 'btn big', id: 'get-tickets', href: entryUrl(e), text: t('event.getTickets') })]
          : el('p', { class: 'notice warn', id: sale.soldOut ? 'sold-out' : 'sale-state', text: sale.text }),
        waitlist)));
}

page({ active: 'events', render });

if (!eventId) {
  notify('msg', 'error', errorText('EVT001'));
} else {
  try {
    event = /** @type {EventDetail} */ (await api(`/api/events/${encodeURIComponent(eventId)}`));
    remember(event);
    render();
    if (waitlistRelevant(event)) {
      waitlist = await mountWaitlist(event);
      render();
    }
  } catch (error) {
    /** @type {HTMLElement} */ (document.getElementById('event')).replaceChildren();
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
