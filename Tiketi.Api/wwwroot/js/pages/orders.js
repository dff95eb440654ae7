// @ts-check
// My orders, newest first, with their tickets' link and cancel.
import { api, ApiError } from '../api.js';
import { page, el, notify, notifyAt, requireSignIn } from '../layout.js';
import { t } from '../i18n.js';
import { dateTime, money, DEFAULT_ZONE } from '../format.js';
import { eventSummary } from '../events-cache.js';
import { linesText, statusBadge, cancellable, cancelOrder, cancelledText } from '../orders-view.js';

/** @typedef {import('../types').Order} Order */

/** @type {Order[] | null} */
let orders = null;
/** @type {Map<string, import('../events-cache.js').EventSummary>} */
const events = new Map();

/** @param {Order} order */
function item(order) {
  const event = events.get(order.eventId) ?? { eventId: order.eventId, title: order.eventId };
  return el('li', {},
    el('article', { class: 'card', 'aria-labelledby': `o-${order.orderId}` },
      el('div', { class: 'row spread' },
        el('h2', { id: `o-${order.orderId}` }, el('a', { href: `/order.html?id=${encodeURIComponent(order.orderId)}`, text: event.title ?? order.eventId })),
        statusBadge(order)),
      el('p', { class: 'muted small', text: [dateTime(event.startsAt, event.timeZone ?? DEFAULT_ZONE), event.venue].filter(Boolean).join(' · ') }),
      el('ul', { class: 'selection-list' }, linesText(order, event).map(text => el('li', { text }))),
      el('div', { class: 'row spread' },
        el('strong', { text: money(order.total.amount, order.total.currency) }),
        el('div', { class: 'row' },
          order.status === 'paid' ? el('a', { class: 'btn secondary small', href: `/order.html?id=${encodeURIComponent(order.orderId)}`, text: t('orders.tickets') }) : null,
          cancellable(order) ? el('button', {
            type: 'button', class: 'btn danger small', text: order.status === 'paid' ? t('order.refund') : t('order.release'),
            'aria-describedby': `o-${order.orderId}`, onclick: () => cancel(order),
          }) : null))));
}

function render() {
  if (!orders) return;
  const box = /** @type {HTMLElement} */ (document.getElementById('orders'));
  if (!orders.length) {
    box.replaceChildren(el('p', { class: 'card' }, t('orders.none'), ' ', el('a', { href: '/', text: t('orders.browse') })));
    return;
  }
  box.replaceChildren(el('ul', { class: 'event-list' }, orders.map(item)));
}

/** @param {Order} order */
async function cancel(order) {
  const next = await cancelOrder(order, events.get(order.eventId));
  if (!next || !orders) return;
  orders = orders.map(o => (o.orderId === next.orderId ? next : o));
  render();
  const card = document.getElementById(`o-${order.orderId}`)?.closest('article');
  if (card) notifyAt(card, 'ok', cancelledText(order));
  else notify('msg', 'ok', cancelledText(order));
}

page({ active: 'orders', render });

if (requireSignIn()) {
  try {
    orders = /** @type {Order[]} */ (await api('/api/orders'));
    for (const id of new Set(orders.map(o => o.eventId))) events.set(id, await eventSummary(id));
    render();
  } catch (error) {
    /** @type {HTMLElement} */ (document.getElementById('orders')).replaceChildren();
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
