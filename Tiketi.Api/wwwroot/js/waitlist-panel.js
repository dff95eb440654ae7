// @ts-check
// The event page's waitlist: join for a sold-out category, see your place, and when seats come back
// for you, the offered hold with its countdown and a way to pay it right here. Paying needs no queue
// pass, so a waitlisted buyer is never sent back through a sold-out waiting room.
import { api, serverNow, newIdempotencyKey } from './api.js';
import { auth } from './auth.js';
import { el, notify, announce } from './layout.js';
import { t } from './i18n.js';
import { clock } from './format.js';
import { live } from './live.js';
import { categorySoldOut } from './availability.js';

let event = null;
let status = null;
let host = null;
let timer = null;
let payKey = null;

const url = () => `/api/events/${encodeURIComponent(event.eventId)}/waitlist`;
const soldOutCategories = () => event.categories.filter(c => categorySoldOut(event, c.id));
const openOffer = () => status?.offer?.outcome === 'open' && Date.parse(status.offer.holdExpiresAt) > serverNow() ? status.offer : null;
const categoryName = id => event.categories.find(c => c.id === id)?.name ?? id;

/** Whether the page should show the panel at all: a sale on, and something sold out or already waited for. */
export function waitlistRelevant(info) {
  return info.status === 'onSale' && info.categories.some(c => categorySoldOut(info, c.id));
}

/** Starts the panel in <paramref name="container"/>; returns the element to place in the page. */
export async function mountWaitlist(info) {
  event = info;
  host = el('section', { id: 'waitlist', 'aria-labelledby': 'waitlist-heading' });
  if (auth.signedIn) {
    await refresh();
    live.on('BuyerNotice', onNotice);
    live.watch(event.eventId);
  }
  draw();
  return host;
}

async function refresh() {
  try {
    status = await api(url());
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function onNotice(notice) {
  if (notice.kind !== 'waitlistOffer') return;
  await refresh();
  if (openOffer()?.orderId === notice.orderId) {
    announce(t('waitlist.offerArrived'), true);
    draw();
    document.getElementById('waitlist-card')?.focus();
  }
}

function draw() {
  clearInterval(timer);
  const heading = el('h2', { id: 'waitlist-heading', text: t('waitlist.heading') });
  if (!auth.signedIn) {
    const back = encodeURIComponent(location.pathname + location.search);
    host.replaceChildren(heading, el('p', {}, el('a', { href: `/signin.html?return=${back}`, text: t('waitlist.signIn') })));
    return;
  }

  const offer = openOffer();
  if (offer) {
    host.replaceChildren(heading, offerView(offer));
    tick();
    timer = setInterval(tick, 500);
  } else if (status?.place) {
    const p = status.place;
    host.replaceChildren(heading,
      el('p', { id: 'waitlist-place', text: t('waitlist.place', { position: p.position, quantity: p.quantity, category: categoryName(p.categoryId) }) }),
      el('p', { class: 'small muted', text: t('waitlist.placeNote') }),
      el('button', { type: 'button', class: 'btn secondary', id: 'waitlist-leave', text: t('waitlist.leave'), onclick: leave }));
  } else {
    host.replaceChildren(heading, joinForm());
  }
}

function joinForm() {
  const categories = soldOutCategories();
  const quantities = Array.from({ length: event.perBuyerLimit }, (_, i) => i + 1);
  return el('form', { id: 'waitlist-join', onsubmit: join },
    el('p', { class: 'small muted', text: t('waitlist.note') }),
    el('label', { for: 'waitlist-category', text: t('event.category') }),
    el('select', { id: 'waitlist-category' }, categories.map(c => el('option', { value: c.id, text: c.name }))),
    el('label', { for: 'waitlist-quantity', text: t('waitlist.quantity') }),
    el('select', { id: 'waitlist-quantity' }, quantities.map(n => el('option', { value: String(n), text: String(n) }))),
    el('button', { type: 'submit', class: 'btn', text: t('waitlist.join') }));
}

function offerView(offer) {
  return el('div', { id: 'waitlist-card', class: 'notice ok', tabindex: '-1' },
    el('p', { text: t('waitlist.offer', { quantity: offer.quantity, category: categoryName(offer.categoryId) }) }),
    el('p', { id: 'waitlist-countdown', role: 'timer' }),
    el('form', { id: 'waitlist-pay', onsubmit: pay },
      el('label', { for: 'waitlist-card-number', text: t('pay.card') }),
      el('input', { id: 'waitlist-card-number', inputmode: 'numeric', autocomplete: 'cc-number', required: true }),
      el('p', { class: 'small muted', text: t('pay.cardHint') }),
      el('button', { type: 'submit', class: 'btn big', id: 'waitlist-pay-submit', text: t('pay.submit') })),
    el('p', {}, el('a', { href: `/order.html?id=${encodeURIComponent(offer.orderId)}`, text: t('waitlist.viewOrder') })));
}

function tick() {
  const offer = status?.offer;
  const box = document.getElementById('waitlist-countdown');
  if (!offer || !box) return;
  const left = (Date.parse(offer.holdExpiresAt) - serverNow()) / 1000;
  box.textContent = t('hold.remaining', { time: clock(left) });
  if (left <= 0) {
    status = { ...status, offer: { ...offer, outcome: 'lapsed' } };
    notify('msg', 'warn', t('waitlist.lapsed'));
    draw();
  }
}

async function join(submitted) {
  submitted.preventDefault();
  try {
    status = await api(url(), {
      method: 'POST',
      body: { categoryId: /** @type {HTMLSelectElement} */ (document.getElementById('waitlist-category')).value, quantity: Number(/** @type {HTMLSelectElement} */ (document.getElementById('waitlist-quantity')).value) },
    });
    announce(t('waitlist.joined'));
    draw();
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function leave() {
  try {
    await api(url(), { method: 'DELETE' });
    await refresh();
    draw();
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function pay(submitted) {
  submitted.preventDefault();
  const offer = openOffer();
  const card = /** @type {HTMLInputElement} */ (document.getElementById('waitlist-card-number')).value.replace(/[\s-]/g, '');
  if (!offer) return;
  if (!/^\d{12,19}$/.test(card)) {
    notify('msg', 'error', t('pay.badCard'));
    return;
  }
  // One key per offer and card: a retry after a lost answer never charges twice.
  payKey ??= newIdempotencyKey();
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('waitlist-pay-submit'));
  button.disabled = true;
  button.textContent = t('pay.paying');
  try {
    const order = await api(`/api/holds/${encodeURIComponent(offer.orderId)}/checkout`, {
      method: 'POST', body: { cardNumber: card }, headers: { 'Idempotency-Key': payKey },
    });
    location.href = `/order.html?id=${encodeURIComponent(order.orderId)}&paid=1`;
  } catch (error) {
    if (error.status !== 0 && error.code !== 'PAY002') payKey = null;
    notify('msg', 'error', error.friendly);
    button.disabled = false;
    button.textContent = t('pay.submit');
  }
}
