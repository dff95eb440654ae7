// @ts-check
// Pieces the order page and the orders list share: what an order says, and cancelling it through a
// dialog that states the amount and the refund policy before anything happens.
import { api, ApiError } from './api.js';
import { el } from './layout.js';
import { t, tn } from './i18n.js';
import { money, seatName, dateTime, DEFAULT_ZONE } from './format.js';

/** @typedef {import('./types').Order} Order */
/** @typedef {{ title?: string, timeZone?: string, blocks?: { id: string, name: string }[], categories?: { id: string, name: string }[] }} EventInfo */

/**
 * @param {Order} order
 * @param {EventInfo | null | undefined} event
 */
export function linesText(order, event) {
  const block = event?.blocks?.find(b => b.id === order.blockId);
  /** @param {string} id */
  const category = id => event?.categories?.find(c => c.id === id)?.name ?? id;
  return order.lines.map(line => [
    block?.name ?? order.blockId,
    line.seatId ? seatName(line.seatId) : tn('seat.standingCount', line.quantity),
    category(line.categoryId),
  ].join(' · '));
}

/** @param {Order} order */
export function statusBadge(order) {
  return el('span', { class: `badge ${order.status}`, text: t(`order.status.${order.status}`) });
}

/**
 * @param {Order} order
 * @param {string} [zone]
 */
export function orderFacts(order, zone = DEFAULT_ZONE) {
  const facts = [
    el('dt', { text: t('order.number') }), el('dd', { text: order.orderId }),
    el('dt', { text: t('order.total') }), el('dd', { text: money(order.total.amount, order.total.currency) }),
  ];
  if (order.paidAt) facts.push(el('dt', { text: t('order.paidAt') }), el('dd', { text: dateTime(order.paidAt, zone) }));
  else if (order.status === 'held') facts.push(el('dt', { text: t('order.holdUntil') }), el('dd', { text: dateTime(order.holdExpiresAt, zone) }));
  if (order.status === 'paid' && order.refundableUntil) {
    facts.push(el('dt', { text: t('order.refundPolicy') }), el('dd', { text: refundPolicy(order, zone) }));
  }
  return el('dl', { class: 'facts' }, facts);
}

/**
 * @param {Order} order
 * @param {string} zone
 */
function refundPolicy(order, zone) {
  if (!order.refundableUntil) return '';
  return Date.parse(order.refundableUntil) > Date.now()
    ? t('order.refundUntil', { when: dateTime(order.refundableUntil, zone) })
    : t('order.refundClosed', { when: dateTime(order.refundableUntil, zone) });
}

/**
 * Held orders can be released and paid ones refunded while refunds are open.
 * @param {Order} order
 */
export function cancellable(order) {
  if (order.status === 'held') return true;
  return order.status === 'paid' && (!order.refundableUntil || Date.parse(order.refundableUntil) > Date.now());
}

/**
 * Asks in a dialog (the amount back, the policy), then cancels. Resolves with the order after, or null
 * when the buyer kept it. A refusal is shown in the dialog itself.
 * @param {Order} order
 * @param {EventInfo | null | undefined} event
 * @returns {Promise<Order | null>}
 */
export function cancelOrder(order, event) {
  const paid = order.status === 'paid';
  const amount = money(order.total.amount, order.total.currency);
  const zone = event?.timeZone ?? DEFAULT_ZONE;
  const error = el('p', { class: 'notice error', role: 'alert', hidden: true });
  const confirm = el('button', { type: 'button', class: 'btn danger', id: 'confirm-cancel', text: paid ? t('refund.confirm', { amount }) : t('release.confirm') });
  const keep = el('button', { type: 'button', class: 'btn secondary', id: 'keep-order', text: paid ? t('refund.keep') : t('release.keep') });
  const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'cancel-heading', 'aria-describedby': 'cancel-body' },
    el('h2', { id: 'cancel-heading', text: paid ? t('refund.heading') : t('release.heading') }),
    el('div', { id: 'cancel-body' },
      el('p', { text: event?.title ?? '' }),
      el('ul', { class: 'selection-list' }, linesText(order, event).map(text => el('li', { text }))),
      el('p', { id: 'refund-amount', text: paid ? t('refund.amount', { amount }) : t('release.body') }),
      paid && order.refundableUntil ? el('p', { class: 'small muted', text: t('refund.policy', { when: dateTime(order.refundableUntil, zone) }) }) : null),
    error,
    el('div', { class: 'row' }, confirm, keep));
  document.body.append(dialog);
  return new Promise(resolve => {
    /** @param {Order | null} result */
    const done = result => {
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    keep.addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', () => done(null));
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        done(await api(`/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: 'POST' }));
      } catch (failure) {
        error.textContent = failure instanceof ApiError ? failure.friendly : t('error.generic');
        error.hidden = false;
        confirm.disabled = false;
      }
    });
    dialog.showModal();
    keep.focus();
  });
}

/**
 * What the buyer reads once it is done: their money, not seats.
 * @param {Order} before
 */
export function cancelledText(before) {
  return before.status === 'paid'
    ? t('refund.done', { amount: money(before.total.amount, before.total.currency) })
    : t('release.done');
}
