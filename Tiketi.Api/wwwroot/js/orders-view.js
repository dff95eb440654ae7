// Pieces the order page and the orders list share: what an order says, and cancelling it.
import { api } from './api.js';
import { el } from './layout.js';
import { t, tn } from './i18n.js';
import { money, seatName, dateTime } from './format.js';

export function linesText(order, event) {
  const block = event?.blocks?.find(b => b.id === order.blockId);
  const category = id => event?.categories?.find(c => c.id === id)?.name ?? id;
  return order.lines.map(line => [
    block?.name ?? order.blockId,
    line.seatId ? seatName(line.seatId) : tn('seat.standingCount', line.quantity),
    category(line.categoryId),
  ].join(' · '));
}

export function statusBadge(order) {
  return el('span', { class: `badge ${order.status}`, text: t(`order.status.${order.status}`) });
}

export function orderFacts(order) {
  const facts = [
    el('dt', { text: t('order.number') }), el('dd', { text: order.orderId }),
    el('dt', { text: t('order.total') }), el('dd', { text: money(order.total.amount, order.total.currency) }),
  ];
  if (order.paidAt) facts.push(el('dt', { text: t('order.paidAt') }), el('dd', { text: dateTime(order.paidAt) }));
  else if (order.status === 'held') facts.push(el('dt', { text: t('order.holdUntil') }), el('dd', { text: dateTime(order.holdExpiresAt) }));
  return el('dl', { class: 'facts' }, facts);
}

/** Held orders can be released and paid ones refunded while refunds are open. */
export function cancellable(order) {
  return order.status === 'held' || order.status === 'paid';
}

export async function cancelOrder(order) {
  const question = order.status === 'paid' ? t('order.confirmRefund') : t('order.confirmRelease');
  if (!window.confirm(question)) return null;
  return api(`/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: 'POST' });
}
