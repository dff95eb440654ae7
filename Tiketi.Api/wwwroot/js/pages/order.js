// @ts-check
// One order: its seats, its total, and once paid its tickets (section, row, seat, show time on the
// venue's clock, venue, QR code), a PDF of them and a calendar entry; cancel or refund it through a
// dialog that states the money.
import { api, ApiError } from '../api.js';
import { auth } from '../auth.js';
import { page, el, notify, notifyAt, requireSignIn, param } from '../layout.js';
import { t, lang } from '../i18n.js';
import { dateTime, DEFAULT_ZONE, splitSeatId } from '../format.js';
import { eventSummary } from '../events-cache.js';
import { categoryColors } from '../seatmap.js';
import { linesText, statusBadge, orderFacts, cancellable, cancelOrder, cancelledText } from '../orders-view.js';

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').Ticket} Ticket */

const orderId = param('id');
/** @type {Order | null} */
let order = null;
/** @type {Awaited<ReturnType<typeof eventSummary>> | null} */
let event = null;
/** @type {Map<string, string>} ticket id → data: URL of its QR code */
const qr = new Map();

/** @param {Ticket} ticket */
async function loadQr(ticket) {
  if (!order) return null;
  if (qr.has(ticket.ticketId)) return qr.get(ticket.ticketId) ?? null;
  // The image needs the bearer token, so it is fetched here and shown as a data: URL (the CSP allows those).
  const response = await fetch(`/api/orders/${encodeURIComponent(order.orderId)}/tickets/${encodeURIComponent(ticket.ticketId)}/qr.svg`, {
    headers: { Authorization: `Bearer ${await auth.accessToken()}` },
  });
  if (!response.ok) return null;
  const svg = await response.text();
  const url = `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
  qr.set(ticket.ticketId, url);
  return url;
}

/** "Row C" and "Seat 12" from "C-12"; standing tickets have neither. @param {string | null} seatId */
function rowAndSeat(seatId) {
  if (!seatId) return null;
  const { row, number } = splitSeatId(seatId);
  return { row, seat: String(number) };
}

/**
 * @param {Ticket} ticket
 * @param {Map<string, string>} colors
 */
function ticketCard(ticket, colors) {
  if (!order || !event) return el('li', {});
  const current = order;
  const place = rowAndSeat(ticket.seatId);
  const section = event.blocks?.find(b => b.id === current.blockId)?.name ?? current.blockId;
  const category = event.categories?.find(c => c.id === ticket.categoryId)?.name ?? ticket.categoryId;
  const seatText = place ? t('ticket.rowSeat', { row: place.row, seat: place.seat }) : t('seat.standing');
  const image = el('img', { alt: t('order.qrAlt', { seat: `${section} ${seatText}` }), width: '220', height: '220' });
  loadQr(ticket).then(url => { if (url) image.src = url; });
  const card = el('li', { class: 'ticket' },
    el('h3', { text: event.title ?? '' }),
    el('dl', { class: 'facts ticket-facts' },
      el('dt', { text: t('ticket.section') }), el('dd', { text: section }),
      place ? [el('dt', { text: t('ticket.row') }), el('dd', { text: place.row }), el('dt', { text: t('ticket.seat') }), el('dd', { text: place.seat })]
        : [el('dt', { text: t('ticket.admission') }), el('dd', { text: t('seat.standing') })],
      el('dt', { text: t('ticket.category') }), el('dd', { text: category }),
      el('dt', { text: t('ticket.when') }), el('dd', { text: dateTime(event.startsAt, event.timeZone ?? DEFAULT_ZONE) }),
      el('dt', { text: t('ticket.venue') }), el('dd', { text: event.venue ?? '' })),
    image,
    el('p', { class: 'code', text: ticket.ticketId }));
  card.style.setProperty('--cat', colors.get(ticket.categoryId) ?? '#4b2bd1');
  return card;
}

/**
 * Downloads one of the order's files (it needs the bearer token, so it goes through fetch and a blob).
 * @param {string} path
 * @param {string} name
 * @param {HTMLButtonElement} control
 */
async function download(path, name, control) {
  control.disabled = true;
  try {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${await auth.accessToken()}` } });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null), Number(response.headers.get('Retry-After')) || undefined);
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notifyAt(control, 'info', null);
  } catch (error) {
    notifyAt(control, 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  } finally {
    control.disabled = false;
  }
}

function render() {
  if (!order || !event) return;
  const current = order;
  const colors = categoryColors(event.categories ?? []);
  const zone = event.timeZone ?? DEFAULT_ZONE;
  const base = `/api/orders/${encodeURIComponent(current.orderId)}`;
  const content = [
    el('div', { class: 'row spread' }, el('h1', { text: t('order.heading') }), statusBadge(current)),
    el('section', { class: 'card', 'aria-labelledby': 'order-event' },
      el('h2', { id: 'order-event' }, el('a', { href: `/event.html?id=${encodeURIComponent(current.eventId)}`, text: event.title ?? current.eventId })),
      el('p', { class: 'muted', text: [dateTime(event.startsAt, zone), event.venue].filter(Boolean).join(' · ') }),
      el('ul', { class: 'selection-list' }, linesText(current, event).map(text => el('li', { text }))),
      orderFacts(current, zone)),
  ];
  if (current.status === 'paid') {
    const pdf = el('button', { type: 'button', class: 'btn secondary', id: 'download-pdf', text: t('order.pdf') });
    pdf.addEventListener('click', () => download(`${base}/tickets.pdf?lang=${lang()}`, `tiketi-${current.orderId}.pdf`, pdf));
    const ics = el('button', { type: 'button', class: 'btn secondary', id: 'download-ics', text: t('order.calendar') });
    ics.addEventListener('click', () => download(`${base}/calendar.ics`, `tiketi-${current.orderId}.ics`, ics));
    content.push(
      el('h2', { id: 'tickets-heading', text: t('order.tickets') }),
      el('p', { class: 'small muted', text: t('order.ticketsHint') }),
      el('div', { class: 'row' }, pdf, ics),
      el('ul', { class: 'tickets', 'aria-labelledby': 'tickets-heading' }, current.tickets.map(ticket => ticketCard(ticket, colors))));
  }
  if (current.status === 'held') {
    content.push(el('p', {}, el('a', { class: 'btn', href: `/seats.html?id=${encodeURIComponent(current.eventId)}`, text: t('order.continue') })));
  }
  if (cancellable(current)) {
    content.push(el('p', {}, el('button', {
      type: 'button', class: 'btn danger', id: 'cancel-order',
      text: current.status === 'paid' ? t('order.refund') : t('order.release'),
      onclick: cancel,
    })));
  }
  content.push(el('p', {}, el('a', { href: '/orders.html', text: t('order.allOrders') })));
  /** @type {HTMLElement} */ (document.getElementById('order')).replaceChildren(...content);
}

async function cancel() {
  if (!order) return;
  const before = order;
  const next = await cancelOrder(before, event);
  if (!next) return;
  order = next;
  render();
  notify('msg', 'ok', cancelledText(before));
  document.getElementById('msg')?.scrollIntoView({ block: 'nearest' });
}

page({ active: 'orders', render });

if (requireSignIn()) {
  try {
    order = /** @type {Order} */ (await api(`/api/orders/${encodeURIComponent(orderId ?? '')}`));
    event = await eventSummary(order.eventId);
    render();
    if (param('paid') && order.status === 'paid') notify('msg', 'ok', t('order.paidNow'));
  } catch (error) {
    /** @type {HTMLElement} */ (document.getElementById('order')).replaceChildren();
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
