// @ts-check
// The seat page: the venue overview, a section's seats, the best available ones, the hold with its
// countdown, and paying by card. State (seat-state.js) and drawing (seatmap.js) are apart; this file
// wires them to the API and the live feed. Every message about an action appears next to the control
// that was used, and a seat someone else took is named where the buyer is looking.
import { api, ApiError, serverNow, newIdempotencyKey } from '../api.js';
import { page, el, notify, notifyAt, reportAt, announce, requireSignIn, param } from '../layout.js';
import { live } from '../live.js';
import { t, tn, errorText } from '../i18n.js';
import { money, dateTime, clock, seatName, number } from '../format.js';
import { SeatState } from '../seat-state.js';
import { VenueMap, swatch } from '../seatmap.js';
import { remember, passOf, savePass, forgetPass } from '../events-cache.js';
import { availabilityText, saleAvailability, openAvailable } from '../availability.js';
import { mountWaitlist, waitlistRelevant } from '../waitlist-panel.js';

/** @typedef {import('../types').EventDetail} EventDetail */
/** @typedef {import('../types').Order} Order */
/** @typedef {import('../seat-state.js').BlockState} BlockState */
/** @typedef {import('../seat-state.js').Seat} Seat */

const eventId = param('id') ?? '';
/** @param {string} id */
const $ = id => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const button = id => /** @type {HTMLButtonElement} */ (document.getElementById(id));
/** @param {string} id */
const select = id => /** @type {HTMLSelectElement} */ (document.getElementById(id));
/** @type {EventDetail} */
let event;
/** @type {SeatState} */
let state;
/** @type {VenueMap} */
let map;
/** @type {Order | null} */
let hold = null;
/** @type {{ key: string, card: string, settled: boolean } | null} */
let attempt = null;
/** @type {ReturnType<typeof setInterval> | undefined} */
let countdownTimer;
/** @type {number | null} */
let announcedAt = null;
/** @type {ReturnType<typeof setInterval> | undefined} */
let pollTimer;
/** @type {HTMLElement | null} */
let waitlist = null;

/** @param {string} categoryId */
const priceOf = categoryId => event.categories.find(c => c.id === categoryId);
/** @param {string} id */
const categoryName = id => priceOf(id)?.name ?? id;

/** The live picture of the event: counts per category from the blocks, and sold out by the server's rule. */
function liveEvent() {
  if (!state?.complete) return event;
  const byCategory = state.categoryCounts();
  const total = Object.values(byCategory).reduce((s, c) => ({ available: s.available + c.available, held: s.held + c.held, sold: s.sold + c.sold }), { available: 0, held: 0, sold: 0 });
  return { ...event, availability: total, availabilityByCategory: byCategory, soldOut: event.status === 'onSale' && total.available === 0 && total.held === 0 && total.sold > 0 };
}

/** The hold button the buyer sees: the bar at the bottom of a phone, or the one in the selection card. */
function holdAnchor() {
  const bar = $('pick-bar');
  return bar.hidden || getComputedStyle(bar).display === 'none' ? $('pick-actions') : $('pick-bar-hold');
}

// ---------- drawing ----------

function renderTop() {
  const now = liveEvent();
  const note = availabilityText(now);
  $('top').replaceChildren(
    el('h1', { text: event.title }),
    el('p', { class: 'muted', text: `${dateTime(event.startsAt, event.timeZone)} · ${event.venue}` }),
    ...(note ? [el('p', { class: `notice ${saleAvailability(now) === 'soldOut' ? 'warn' : 'info'}`, id: 'sold-out', text: note })] : []));
}

function renderLegend() {
  /**
   * @param {string} seatState
   * @param {string} [mark]
   */
  const sample = (seatState, mark) => {
    const seat = el('span', { class: 'seat', 'data-state': seatState, 'data-mark': mark, 'aria-hidden': 'true' });
    seat.style.setProperty('--cat', map.colors.get(event.categories[0]?.id) ?? '#6b7280');
    return seat;
  };
  const items = event.categories.map(c => el('li', {}, swatch(map.colors.get(c.id)), `${c.name} ${money(c.price, c.currency)}`));
  const selected = sample('available');
  selected.setAttribute('aria-pressed', 'true');
  items.push(
    el('li', {}, selected, t('seat.state.selected')),
    el('li', {}, sample('mine'), t('seat.state.mine')),
    el('li', {}, sample('held'), t('seat.state.held')),
    el('li', {}, sample('sold'), t('seat.state.sold')));
  // Marks only where the event has them: not for sale, wheelchair space, companion seat.
  const seats = state.blocks.flatMap(b => b.seats);
  if (seats.some(s => s.blocked)) items.push(el('li', {}, sample('blocked'), t('seat.legend.blocked')));
  if (seats.some(s => s.mark === 'wheelchair')) {
    items.push(
      el('li', {}, sample('available', 'wheelchair'), t('seat.legend.wheelchair')),
      el('li', {}, sample('available', 'companion'), t('seat.legend.companion')));
  }
  $('legend').replaceChildren(...items);
}

/** Best available offers only categories with seats left now: a sold-out one is for the waitlist. */
function renderBestForm() {
  const now = liveEvent();
  const categories = event.categories.filter(c => event.blocks.some(b => blockHasCategory(b, c.id))
    && (openAvailable(now.availabilityByCategory?.[c.id]) ?? 1) > 0);
  const category = select('best-category');
  const chosen = category.value;
  category.replaceChildren(...categories.map(c => el('option', { value: c.id, text: `${c.name} (${money(c.price, c.currency)})` })));
  if (categories.some(c => c.id === chosen)) category.value = chosen;
  const quantity = select('best-quantity');
  const q = quantity.value || '2';
  quantity.replaceChildren(...Array.from({ length: Math.min(event.perBuyerLimit, 10) }, (_, i) => el('option', { value: String(i + 1), text: number(i + 1) })));
  quantity.value = Number(q) <= event.perBuyerLimit ? q : '1';
  button('best-submit').disabled = categories.length === 0;
  $('best-none').hidden = categories.length > 0;
  // Seats may still be on the map: wheelchair pairs, which best available never picks.
  const pairsLeft = event.categories.some(c => (now.availabilityByCategory?.[c.id]?.accessibleAvailable ?? 0) > 0);
  const none = $('best-none');
  none.dataset.i18n = pairsLeft ? 'best.onlyAccessible' : 'best.none';
  none.textContent = t(none.dataset.i18n);
  renderBlockChoices();
}

/**
 * @param {import('../types').Block} block
 * @param {string} categoryId
 */
function blockHasCategory(block, categoryId) {
  return block.kind === 'generalAdmission'
    ? block.areas.some(a => a.categoryId === categoryId)
    : block.rows.some(r => r.runs.some(run => run.categoryId === categoryId));
}

function renderBlockChoices() {
  const categoryId = select('best-category').value;
  const choice = select('best-block');
  const chosen = choice.value;
  choice.replaceChildren(
    el('option', { value: '', text: t('best.anyBlock') }),
    ...event.blocks.filter(b => blockHasCategory(b, categoryId)).map(b => el('option', { value: b.id, text: b.name })));
  if ([...choice.options].some(o => o.value === chosen)) choice.value = chosen;
}

function renderSelection() {
  const seats = state.selectedSeats();
  const block = state.selected.blockId ? state.byId.get(state.selected.blockId) : undefined;
  $('pick-list').replaceChildren(...seats.map(seat => el('li', {},
    `${block?.name} · ${seatName(seat.id)} · ${categoryName(seat.categoryId)}${seat.mark ? ` · ${t(`seat.legend.${seat.mark}`)}` : ''}`)));
  $('pick-empty').hidden = seats.length > 0;
  const total = seats.reduce((sum, s) => sum + (priceOf(s.categoryId)?.price ?? 0), 0);
  $('pick-total').textContent = seats.length ? tn('pick.total', seats.length, { total: money(total, event.currency) }) : '';
  button('hold-selected').disabled = seats.length === 0;
  $('clear-selected').hidden = seats.length === 0;
  const bar = seats.length > 0 && !hold;
  $('pick-bar').hidden = !bar;
  document.body.classList.toggle('has-pick-bar', bar);
  $('pick-bar-text').textContent = $('pick-total').textContent;
}

function renderHold() {
  $('pick').hidden = !!hold;
  $('hold').hidden = !hold;
  if (!hold) return;
  const current = hold;
  const block = event.blocks.find(b => b.id === current.blockId);
  /** @param {string | null} seatId */
  const markOf = seatId => {
    const mark = seatId ? state.byId.get(current.blockId)?.byId.get(seatId)?.mark : null;
    return mark ? ` · ${t(`seat.legend.${mark}`)}` : '';
  };
  $('hold-list').replaceChildren(...current.lines.map(line => el('li', {},
    `${block?.name ?? current.blockId} · ${line.seatId ? seatName(line.seatId) : tn('seat.standingCount', line.quantity)}${markOf(line.seatId)} · ${categoryName(line.categoryId)} · ${money(line.unitPrice * line.quantity, current.total.currency)}`)));
  $('hold-total').textContent = t('hold.total', { total: money(current.total.amount, current.total.currency) });
  tick();
}

async function renderWaitlist() {
  const now = liveEvent();
  const relevant = waitlistRelevant(now);
  if (relevant && !waitlist) {
    waitlist = await mountWaitlist(now);
    $('waitlist-slot').replaceChildren(el('div', { class: 'card' }, waitlist));
  }
}

function render() {
  if (!event || !map) return;
  renderTop();
  renderLegend();
  renderBestForm();
  map.relabel();
  renderSelection();
  renderHold();
}

// ---------- choosing ----------

/**
 * @param {BlockState} block
 * @param {Seat} seat
 */
function toggle(block, seat) {
  if (hold) {
    notifyAt(holdAnchor(), 'info', t('pick.alreadyHolding'));
    return;
  }
  const outcome = state.toggle(block, seat, event.perBuyerLimit);
  if (!outcome.ok) {
    notifyAt(holdAnchor(), 'warn', 'reason' in outcome && outcome.reason === 'partner'
      ? t('pick.pairTaken')
      : outcome.seats.length > 1 ? t('pick.pairLimit', { n: event.perBuyerLimit }) : t('pick.limit', { n: event.perBuyerLimit }));
    return;
  }
  if (outcome.seats.length > 1) {
    const names = outcome.seats.map(s => seatName(s.id)).join(', ');
    announce(t(state.isSelected(block, seat) ? 'pick.pairSelected' : 'pick.pairReleased', { seats: names }));
  }
  if (outcome.movedBlock) announce(t('pick.movedBlock', { block: block.name }));
  map.relabel();
  renderSelection();
  notifyAt(holdAnchor(), 'info', null);
}

/** Keeps the selection to seats still available after others' changes, and says which ones went. */
function pruneSelection() {
  const lost = state.prune();
  if (!lost.length) return;
  map.relabel();
  renderSelection();
  const seats = lost.map(s => seatName(s.id)).join(', ');
  notifyAt(holdAnchor(), 'warn', state.selected.seats.size ? t('pick.takenSome', { seats }) : t('pick.taken', { seats }));
}

function passHeaders() {
  if (!event.queueEnabled) return {};
  const pass = passOf(eventId);
  return pass ? { 'X-Queue-Pass': pass } : {};
}

/** The queue pass: this tab's, or (a new tab, say) the queue's answer while the buyer is admitted. */
async function ensurePass() {
  if (passOf(eventId)) return true;
  try {
    const status = await api(`/api/events/${encodeURIComponent(eventId)}/queue`);
    if (status.state === 'admitted' && status.pass) {
      savePass(eventId, status.pass, status.passExpiresAt);
      return true;
    }
  } catch { /* the waiting room will tell */ }
  return false;
}

function toQueue() {
  forgetPass(eventId);
  location.replace(`/queue.html?id=${encodeURIComponent(eventId)}`);
}

// One key per hold attempt: asking again for the same seats after a lost answer reuses it, so the
// server returns the hold it already made instead of a second one.
/** @type {{ key: string, what: string, settled: boolean } | null} */
let holdAttempt = null;

/** @param {object} body */
async function requestHold(body) {
  const what = JSON.stringify(body);
  if (!holdAttempt || holdAttempt.settled || holdAttempt.what !== what) holdAttempt = { key: newIdempotencyKey(), what, settled: false };
  const attempt = holdAttempt;
  try {
    const order = await api(`/api/events/${encodeURIComponent(eventId)}/holds`, {
      method: 'POST', body, headers: { ...passHeaders(), 'Idempotency-Key': attempt.key },
    });
    attempt.settled = true;
    return order;
  } catch (error) {
    if (error.status !== 0 && error.status < 500) attempt.settled = true;
    throw error;
  }
}

/**
 * A refused hold, told next to the button that asked for it.
 * @param {ApiError} error
 * @param {HTMLElement} anchor
 */
async function holdFailed(error, anchor) {
  if (['QUEUE001', 'QUEUE002', 'QUEUE003'].includes(error.code)) {
    toQueue();
    return;
  }
  if (error.code === 'RES001') {
    // Someone took a seat before this page heard of it: fetch the map, then name what changed.
    await loadSeats(false).catch(() => {});
    const lost = state.prune();
    map.relabel();
    renderSelection();
    const seats = lost.map(s => seatName(s.id)).join(', ');
    notifyAt(holdAnchor(), 'warn', lost.length ? t(state.selected.seats.size ? 'pick.takenSome' : 'pick.taken', { seats }) : error.friendly);
    return;
  }
  reportAt(anchor, error, [button('hold-selected'), button('pick-bar-hold'), button('best-submit')]);
}

async function holdSelected() {
  const block = state.selected.blockId ? state.byId.get(state.selected.blockId) : undefined;
  if (!block) return;
  const seatIds = state.selectedSeats().map(s => s.id);
  const anchor = holdAnchor();
  button('hold-selected').disabled = true;
  button('pick-bar-hold').disabled = true;
  try {
    setHold(await requestHold({ blockId: block.id, seatIds }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    await holdFailed(error, anchor);
    if (error.code !== 'RATE001') {
      renderSelection();
      button('pick-bar-hold').disabled = false;
    }
  }
}

/** @param {SubmitEvent} submitted */
async function holdBest(submitted) {
  submitted.preventDefault();
  if (hold) return;
  const categoryId = select('best-category').value;
  const quantity = Number(select('best-quantity').value);
  const chosen = select('best-block').value;
  const anchor = button('best-submit');
  const candidates = chosen
    ? [state.byId.get(chosen)].filter(b => !!b)
    : state.blocks.filter(b => blockHasCategory(b.def, categoryId) && state.available(b, categoryId) >= quantity);
  if (!candidates.length) {
    notifyAt(anchor, 'warn', errorText('RES003'));
    return;
  }
  anchor.disabled = true;
  try {
    for (const block of candidates) {
      try {
        setHold(await requestHold({ blockId: block.id, categoryId, quantity }));
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'RES003' || block === candidates.at(-1)) throw error;
      }
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    await holdFailed(error, anchor);
  } finally {
    if (!anchor.dataset.waiting) anchor.disabled = false;
  }
}

// ---------- the hold ----------

/** @param {Order} order */
function setHold(order) {
  hold = order;
  attempt = null;
  announcedAt = null;
  state.select(null, []);
  state.setMine(order.blockId, order.lines.filter(l => l.seatId).map(l => /** @type {string} */ (l.seatId)));
  map.relabel();
  renderSelection();
  renderHold();
  notifyAt(holdAnchor(), 'info', null);
  notifyAt($('hold-heading'), 'ok', tn('hold.done', order.lines.reduce((n, l) => n + l.quantity, 0)));
  clearInterval(countdownTimer);
  countdownTimer = setInterval(tick, 500);
  $('hold-heading').focus();
}

/**
 * @param {string | null} message
 * @param {string} [kind]
 */
function clearHold(message, kind = 'info') {
  hold = null;
  clearInterval(countdownTimer);
  state.setMine(null, []);
  map.relabel();
  renderHold();
  renderSelection();
  if (message) notifyAt($('pick-heading'), kind, message);
}

function tick() {
  if (!hold) return;
  const left = (Date.parse(hold.holdExpiresAt) - serverNow()) / 1000;
  const box = $('countdown');
  box.textContent = clock(left);
  box.setAttribute('aria-label', t('hold.countdownLabel', { time: clock(left) }));
  box.classList.toggle('low', left < 60);
  for (const mark of [300, 120, 60, 30]) {
    if (left <= mark && left > mark - 5 && announcedAt !== mark) {
      announcedAt = mark;
      announce(t('hold.remaining', { time: clock(left) }), mark <= 60);
    }
  }
  if (left <= 0) clearHold(errorText('RES002'), 'warn');
}

/** @param {SubmitEvent} submitted */
async function pay(submitted) {
  submitted.preventDefault();
  if (!hold) return;
  const input = /** @type {HTMLInputElement} */ ($('card'));
  const submit = button('pay-submit');
  const card = input.value.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(card)) {
    input.setAttribute('aria-invalid', 'true');
    notifyAt(submit, 'error', t('pay.badCard'));
    input.focus();
    return;
  }
  input.setAttribute('aria-invalid', 'false');
  // One key per attempt: a retry after a lost answer reuses it, a new card or a settled answer does not.
  if (!attempt || attempt.settled || attempt.card !== card) attempt = { key: newIdempotencyKey(), card, settled: false };
  submit.disabled = true;
  submit.textContent = t('pay.paying');
  notifyAt(submit, 'info', null);
  let waiting = false;
  try {
    const order = await api(`/api/holds/${encodeURIComponent(hold.orderId)}/checkout`, {
      method: 'POST', body: { cardNumber: card }, headers: { 'Idempotency-Key': attempt.key },
    });
    attempt.settled = true;
    clearInterval(countdownTimer);
    location.href = `/order.html?id=${encodeURIComponent(order.orderId)}&paid=1`;
    return;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 0 && error.code !== 'PAY002' && error.status < 500) attempt.settled = true;
    if (error.code === 'RES002' || error.code === 'ORD002') clearHold(error.friendly, 'warn');
    else {
      waiting = error.code === 'RATE001';
      reportAt(submit, error);
      if (error.code === 'PAY001') {
        input.setAttribute('aria-invalid', 'true');
        input.select();
      }
    }
  } finally {
    if (!waiting) submit.disabled = false;
    submit.textContent = t('pay.submit');
  }
}

async function release() {
  if (!hold) return;
  try {
    await api(`/api/holds/${encodeURIComponent(hold.orderId)}`, { method: 'DELETE' });
    clearHold(t('hold.released'));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'RES009') clearHold(t('hold.released'));
    else reportAt(button('release'), error);
  }
}

// ---------- live updates ----------

/** Counts moved: the tiles, the sold-out note, best available and the waitlist follow. */
function countsChanged() {
  for (const block of state.blocks) map.paintSummary(block);
  renderTop();
  renderBestForm();
  renderWaitlist();
}

/** @param {import('../types').SeatDelta} delta */
function onDelta(delta) {
  if (delta.eventId !== eventId) return;
  const { result, changed } = state.applyDelta(delta);
  if (result === 'gap') live.catchUp(eventId);
  if (result !== 'applied') return;
  const block = state.byId.get(delta.blockId);
  for (const index of changed) map.paint(block, index, true);
  pruneSelection();
  countsChanged();
}

/** @param {import('../types').SeatSnapshot} snapshot */
function onSnapshot(snapshot) {
  if (snapshot.eventId !== eventId) return;
  const changed = state.applySnapshot(snapshot);
  if (!changed) return;
  const block = state.byId.get(snapshot.blockId);
  for (const index of changed) map.paint(block, index, block ? block.version >= 0 : false);
  pruneSelection();
  countsChanged();
}

/** @param {import('../types').BuyerNotice} notice */
function onNotice(notice) {
  // Waitlist (issue #10): an offered hold for this event shows up here as the buyer's hold, ready to pay.
  if (notice.kind === 'waitlistOffer' && !hold) {
    announce(t('waitlist.offerArrived'), true);
    restoreHold();
    return;
  }
  if (!hold || notice.orderId !== hold.orderId) return;
  if (notice.kind === 'holdExpiring') announce(t('hold.expiringSoon'), true);
  if (notice.kind === 'holdExpired') clearHold(errorText('RES002'), 'warn');
  if (notice.kind === 'holdReleased') clearHold(t('hold.releasedElsewhere'), 'warn');
}

async function loadSeats(prune = true) {
  const snapshot = await api(`/api/events/${encodeURIComponent(eventId)}/seats`);
  for (const block of snapshot.blocks) {
    const changed = state.applySnapshot(block);
    const view = state.byId.get(block.blockId);
    for (const index of changed ?? []) map.paint(view, index, false);
  }
  if (prune) pruneSelection();
  countsChanged();
}

/**
 * Without pushes (no SignalR client, or while reconnecting) the map is refreshed every few seconds.
 * @param {string} connection
 */
function pollWhileNotLive(connection) {
  clearInterval(pollTimer);
  if (connection === 'live' || connection === 'offline') return;
  pollTimer = setInterval(() => {
    if (document.visibilityState === 'visible') loadSeats().catch(() => {});
  }, 10_000);
}

async function restoreHold() {
  try {
    /** @type {Order[]} */
    const orders = await api('/api/orders');
    const held = orders.find(o => o.eventId === eventId && o.status === 'held' && Date.parse(o.holdExpiresAt) > serverNow());
    if (held) setHold(held);
  } catch { /* nothing to restore */ }
}

// ---------- start ----------

$('hold-selected').addEventListener('click', holdSelected);
$('pick-bar-hold').addEventListener('click', holdSelected);
$('clear-selected').addEventListener('click', () => { state.select(null, []); map.relabel(); renderSelection(); });
$('best').addEventListener('submit', holdBest);
$('best-category').addEventListener('change', renderBlockChoices);
$('pay').addEventListener('submit', pay);
$('release').addEventListener('click', release);

page({ active: 'events', render });

if (requireSignIn()) {
  try {
    if (!eventId) throw new ApiError(404, { code: 'EVT001' });
    event = await api(`/api/events/${encodeURIComponent(eventId)}`);
    remember(event);
    if (event.queueEnabled && event.status === 'onSale' && !event.soldOut && !(await ensurePass())) {
      toQueue();
    } else {
      state = new SeatState(event);
      map = new VenueMap(state, { onToggle: toggle });
      map.render($('venue'), $('blocks'));
      render();
      if (event.status !== 'onSale') notify('msg', 'warn', t(`event.${event.status === 'cancelled' ? 'cancelled' : 'closed'}`));
      live.on('SeatDelta', onDelta);
      live.on('SeatSnapshot', onSnapshot);
      live.on('BuyerNotice', onNotice);
      await loadSeats();
      live.onState(pollWhileNotLive);
      live.watch(eventId, () => state.versions());
      await restoreHold();
    }
  } catch (error) {
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
