// One order: its seats, its total, and once paid its tickets as QR codes; cancel or refund it.
import { api } from '../api.js';
import { auth } from '../auth.js';
import { page, el, notify, requireSignIn, param } from '../layout.js';
import { t } from '../i18n.js';
import { dateTime, seatName } from '../format.js';
import { eventSummary } from '../events-cache.js';
import { categoryColors } from '../seatmap.js';
import { linesText, statusBadge, orderFacts, cancellable, cancelOrder } from '../orders-view.js';

const orderId = param('id');
let order = null;
let event = null;
const qr = new Map(); // ticket id → data: URL of its QR code

async function loadQr(ticket) {
  if (qr.has(ticket.ticketId)) return qr.get(ticket.ticketId);
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

function ticketCard(ticket, colors) {
  const name = ticket.seatId ? seatName(ticket.seatId) : t('seat.standing');
  const category = event.categories?.find(c => c.id === ticket.categoryId)?.name ?? ticket.categoryId;
  const image = el('img', { alt: t('order.qrAlt', { seat: name }), width: '220', height: '220' });
  loadQr(ticket).then(url => { if (url) image.src = url; });
  const card = el('li', { class: 'ticket' },
    el('h3', { text: name }),
    el('p', { class: 'small muted', text: category }),
    image,
    el('p', { class: 'code', text: ticket.ticketId }));
  card.style.setProperty('--cat', colors.get(ticket.categoryId) ?? '#4b2bd1');
  return card;
}

function render() {
  if (!order || !event) return;
  const colors = categoryColors(event.categories ?? []);
  const content = [
    el('div', { class: 'row spread' }, el('h1', { text: t('order.heading') }), statusBadge(order)),
    el('section', { class: 'card', 'aria-labelledby': 'order-event' },
      el('h2', { id: 'order-event' }, el('a', { href: `/event.html?id=${encodeURIComponent(order.eventId)}`, text: event.title })),
      el('p', { class: 'muted', text: [dateTime(event.startsAt), event.venue].filter(Boolean).join(' · ') }),
      el('ul', { class: 'selection-list' }, linesText(order, event).map(text => el('li', { text }))),
      orderFacts(order)),
  ];
  if (order.status === 'paid') {
    content.push(
      el('h2', { id: 'tickets-heading', text: t('order.tickets') }),
      el('p', { class: 'small muted', text: t('order.ticketsHint') }),
      el('ul', { class: 'tickets', 'aria-labelledby': 'tickets-heading' }, order.tickets.map(ticket => ticketCard(ticket, colors))));
  }
  if (order.status === 'held') {
    content.push(el('p', {}, el('a', { class: 'btn', href: `/seats.html?id=${encodeURIComponent(order.eventId)}`, text: t('order.continue') })));
  }
  if (cancellable(order)) {
    content.push(el('p', {}, el('button', {
      type: 'button', class: 'btn danger', id: 'cancel-order',
      text: order.status === 'paid' ? t('order.refund') : t('order.release'),
      onclick: cancel,
    })));
  }
  content.push(el('p', {}, el('a', { href: '/orders.html', text: t('order.allOrders') })));
  document.getElementById('order').replaceChildren(...content);
}

async function cancel() {
  try {
    const next = await cancelOrder(order);
    if (!next) return;
    order = next;
    render();
    notify('msg', 'ok', t('order.cancelled'));
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

page({ active: 'orders', render });

if (requireSignIn()) {
  try {
    order = await api(`/api/orders/${encodeURIComponent(orderId ?? '')}`);
    event = await eventSummary(order.eventId);
    render();
    if (param('paid') && order.status === 'paid') notify('msg', 'ok', t('order.paidNow'));
  } catch (error) {
    document.getElementById('order').replaceChildren();
    notify('msg', 'error', error.friendly);
  }
}
