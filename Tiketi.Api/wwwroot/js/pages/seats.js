// The seat map and the hold: pick seats (or the best available ones), hold them, watch the
// countdown, pay with a card. Seats held or sold by others change live.
import { api, ApiError, serverNow, newIdempotencyKey } from '../api.js';
import { page, el, notify, announce, requireSignIn, param } from '../layout.js';
import { live } from '../live.js';
import { t, tn } from '../i18n.js';
import { money, dateTime, clock, seatName, number } from '../format.js';
import { SeatMap, swatch } from '../seatmap.js';
import { remember, passOf, savePass, forgetPass } from '../events-cache.js';

const eventId = param('id');
const $ = id => document.getElementById(id);
let event = null;
let map = null;
let hold = null;
let attempt = null; // { key, card, settled }
let countdownTimer = null;
let announcedAt = null;
let pollTimer = null;

const priceOf = categoryId => event.categories.find(c => c.id === categoryId);
const categoryName = id => priceOf(id)?.name ?? id;

// ---------- drawing ----------

function renderTop() {
  $('top').replaceChildren(
    el('h1', { text: event.title }),
    el('p', { class: 'muted', text: `${dateTime(event.startsAt)} · ${event.venue}` }));
}

function renderLegend() {
  const sample = state => {
    const seat = el('span', { class: 'seat', 'data-state': state, 'aria-hidden': 'true' });
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
  $('legend').replaceChildren(...items);
}

function renderBestForm() {
  const categories = event.categories.filter(c => event.blocks.some(b => blockHasCategory(b, c.id)));
  const category = $('best-category');
  const chosen = category.value;
  category.replaceChildren(...categories.map(c => el('option', { value: c.id, text: `${c.name} (${money(c.price, c.currency)})` })));
  if (chosen) category.value = chosen;
  const quantity = $('best-quantity');
  const q = quantity.value || '2';
  quantity.replaceChildren(...Array.from({ length: Math.min(event.perBuyerLimit, 10) }, (_, i) => el('option', { value: String(i + 1), text: number(i + 1) })));
  quantity.value = Number(q) <= event.perBuyerLimit ? q : '1';
  renderBlockChoices();
}

function blockHasCategory(block, categoryId) {
  return block.kind === 'generalAdmission'
    ? block.areas.some(a => a.categoryId === categoryId)
    : block.rows.some(r => r.runs.some(run => run.categoryId === categoryId));
}

function renderBlockChoices() {
  const categoryId = $('best-category').value;
  const select = $('best-block');
  const chosen = select.value;
  select.replaceChildren(
    el('option', { value: '', text: t('best.anyBlock') }),
    ...event.blocks.filter(b => blockHasCategory(b, categoryId)).map(b => el('option', { value: b.id, text: b.name })));
  if ([...select.options].some(o => o.value === chosen)) select.value = chosen;
}

function renderSelection() {
  const list = $('pick-list');
  const block = map.byId.get(map.selected.blockId);
  const seats = block ? [...map.selected.seats].sort((a, b) => a - b).map(i => block.seats[i]) : [];
  list.replaceChildren(...seats.map(seat => el('li', {}, `${block.name} · ${seatName(seat.id)} · ${categoryName(seat.categoryId)}`)));
  $('pick-empty').hidden = seats.length > 0;
  const total = seats.reduce((sum, s) => sum + (priceOf(s.categoryId)?.price ?? 0), 0);
  $('pick-total').textContent = seats.length ? tn('pick.total', seats.length, { total: money(total, event.categories[0]?.currency) }) : '';
  $('hold-selected').disabled = seats.length === 0;
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
  const block = event.blocks.find(b => b.id === hold.blockId);
  $('hold-list').replaceChildren(...hold.lines.map(line => el('li', {},
    `${block?.name ?? hold.blockId} · ${line.seatId ? seatName(line.seatId) : tn('seat.standingCount', line.quantity)} · ${categoryName(line.categoryId)} · ${money(line.unitPrice * line.quantity, hold.total.currency)}`)));
  $('hold-total').textContent = t('hold.total', { total: money(hold.total.amount, hold.total.currency) });
  tick();
}

function render() {
  if (!event) return;
  renderTop();
  renderLegend();
  map.renderNav($('block-nav'));
  renderBestForm();
  map.relabel();
  renderSelection();
  renderHold();
}

// ---------- choosing ----------

function toggle(block, seat) {
  if (hold) {
    notify('msg', 'info', t('pick.alreadyHolding'));
    return;
  }
  let seats = map.selected.blockId === block.id ? new Set(map.selected.seats) : new Set();
  if (map.selected.blockId && map.selected.blockId !== block.id && map.selected.seats.size) {
    announce(t('pick.movedBlock', { block: block.name }));
  }
  if (seats.has(seat.index)) {
    seats.delete(seat.index);
  } else if (seats.size >= event.perBuyerLimit) {
    notify('msg', 'warn', t('pick.limit', { n: event.perBuyerLimit }));
    return;
  } else {
    seats.add(seat.index);
  }
  map.setSelection(seats.size ? block.id : null, seats);
  renderSelection();
}

/** Keeps the selection to seats still available after others' changes. */
function pruneSelection() {
  const block = map.byId.get(map.selected.blockId);
  if (!block) return;
  const lost = [...map.selected.seats].filter(i => block.states[i] !== 0);
  if (!lost.length) return;
  const left = [...map.selected.seats].filter(i => block.states[i] === 0);
  map.setSelection(left.length ? block.id : null, left);
  renderSelection();
  notify('msg', 'warn', t('pick.taken', { seats: lost.map(i => seatName(block.seats[i].id)).join(', ') }));
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
let holdAttempt = null;

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

function holdFailed(error) {
  if (['QUEUE001', 'QUEUE002', 'QUEUE003'].includes(error.code)) {
    toQueue();
    return;
  }
  notify('msg', error.code === 'RES001' || error.code === 'RES003' ? 'warn' : 'error', error.friendly);
}

async function holdSelected() {
  const block = map.byId.get(map.selected.blockId);
  if (!block) return;
  const seatIds = [...map.selected.seats].map(i => block.seats[i].id);
  $('hold-selected').disabled = true;
  $('pick-bar-hold').disabled = true;
  try {
    setHold(await requestHold({ blockId: block.id, seatIds }));
  } catch (error) {
    holdFailed(error);
    renderSelection();
  } finally {
    $('pick-bar-hold').disabled = false;
  }
}

async function holdBest(event_) {
  event_.preventDefault();
  if (hold) return;
  const categoryId = $('best-category').value;
  const quantity = Number($('best-quantity').value);
  const chosen = $('best-block').value;
  const candidates = chosen
    ? [map.byId.get(chosen)]
    : map.blocks.filter(b => blockHasCategory(b.def, categoryId) && map.available(b, categoryId) >= quantity);
  if (!candidates.length) {
    notify('msg', 'warn', t('error.RES003'));
    return;
  }
  $('best-submit').disabled = true;
  try {
    for (const block of candidates) {
      try {
        setHold(await requestHold({ blockId: block.id, categoryId, quantity }));
        return;
      } catch (error) {
        if (error.code !== 'RES003' || block === candidates.at(-1)) throw error;
      }
    }
  } catch (error) {
    holdFailed(error);
  } finally {
    $('best-submit').disabled = false;
  }
}

// ---------- the hold ----------

function setHold(order) {
  hold = order;
  attempt = null;
  announcedAt = null;
  map.setSelection(null, []);
  map.setMine(order.blockId, order.lines.filter(l => l.seatId).map(l => l.seatId));
  renderSelection();
  renderHold();
  notify('msg', 'ok', tn('hold.done', order.lines.reduce((n, l) => n + l.quantity, 0)));
  clearInterval(countdownTimer);
  countdownTimer = setInterval(tick, 500);
  $('hold-heading').focus();
}

function clearHold(message, kind = 'info') {
  hold = null;
  clearInterval(countdownTimer);
  map.setMine(null, []);
  renderHold();
  if (message) notify('msg', kind, message);
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
  if (left <= 0) clearHold(t('error.RES002'), 'warn');
}

async function pay(event_) {
  event_.preventDefault();
  if (!hold) return;
  const input = $('card');
  const card = input.value.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(card)) {
    input.setAttribute('aria-invalid', 'true');
    notify('msg', 'error', t('pay.badCard'));
    input.focus();
    return;
  }
  input.setAttribute('aria-invalid', 'false');
  // One key per attempt: a retry after a lost answer reuses it, a new card or a settled answer does not.
  if (!attempt || attempt.settled || attempt.card !== card) attempt = { key: newIdempotencyKey(), card, settled: false };
  const button = $('pay-submit');
  button.disabled = true;
  button.textContent = t('pay.paying');
  try {
    const order = await api(`/api/holds/${encodeURIComponent(hold.orderId)}/checkout`, {
      method: 'POST', body: { cardNumber: card }, headers: { 'Idempotency-Key': attempt.key },
    });
    attempt.settled = true;
    clearInterval(countdownTimer);
    location.href = `/order.html?id=${encodeURIComponent(order.orderId)}&paid=1`;
    return;
  } catch (error) {
    if (error.status !== 0 && error.code !== 'PAY002' && error.status < 500) attempt.settled = true;
    if (error.code === 'RES002' || error.code === 'ORD002') clearHold(error.friendly, 'warn');
    else notify('msg', 'error', error.friendly);
  } finally {
    button.disabled = false;
    button.textContent = t('pay.submit');
  }
}

async function release() {
  if (!hold) return;
  try {
    await api(`/api/holds/${encodeURIComponent(hold.orderId)}`, { method: 'DELETE' });
    clearHold(t('hold.released'));
  } catch (error) {
    if (error.code === 'RES009') clearHold(t('hold.released'));
    else notify('msg', 'error', error.friendly);
  }
}

// ---------- live updates ----------

function onDelta(delta) {
  if (delta.eventId !== eventId) return;
  if (map.applyDelta(delta) === 'gap') live.catchUp(eventId);
  pruneSelection();
}

function onSnapshot(snapshot) {
  if (snapshot.eventId !== eventId) return;
  map.applySnapshot(snapshot);
  pruneSelection();
}

function onNotice(notice) {
  // Waitlist (issue #10): an offered hold for this event shows up here as the buyer's hold, ready to pay.
  if (notice.kind === 'waitlistOffer' && !hold) {
    announce(t('waitlist.offerArrived'), true);
    restoreHold();
    return;
  }
  if (!hold || notice.orderId !== hold.orderId) return;
  if (notice.kind === 'holdExpiring') announce(t('hold.expiringSoon'), true);
  if (notice.kind === 'holdExpired') clearHold(t('error.RES002'), 'warn');
  if (notice.kind === 'holdReleased') clearHold(t('hold.releasedElsewhere'), 'warn');
}

async function loadSeats() {
  const snapshot = await api(`/api/events/${encodeURIComponent(eventId)}/seats`);
  for (const block of snapshot.blocks) map.applySnapshot({ ...block, eventId });
  pruneSelection();
}

/** Without pushes (no SignalR client, or while reconnecting) the map is refreshed every few seconds. */
function pollWhileNotLive(state) {
  clearInterval(pollTimer);
  if (state === 'live' || state === 'offline') return;
  pollTimer = setInterval(() => {
    if (document.visibilityState === 'visible') loadSeats().catch(() => {});
  }, 10_000);
}

async function restoreHold() {
  try {
    const orders = await api('/api/orders');
    const held = orders.find(o => o.eventId === eventId && o.status === 'held' && Date.parse(o.holdExpiresAt) > serverNow());
    if (held) setHold(held);
  } catch { /* nothing to restore */ }
}

// ---------- start ----------

$('hold-selected').addEventListener('click', holdSelected);
$('pick-bar-hold').addEventListener('click', holdSelected);
$('clear-selected').addEventListener('click', () => { map.setSelection(null, []); renderSelection(); });
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
    if (event.queueEnabled && event.status === 'onSale' && !(await ensurePass())) {
      toQueue();
    } else {
      map = new SeatMap(event, { onToggle: toggle });
      map.render($('blocks'));
      render();
      if (event.status !== 'onSale') notify('msg', 'warn', t(`event.${event.status === 'cancelled' ? 'cancelled' : 'closed'}`));
      live.on('SeatDelta', onDelta);
      live.on('SeatSnapshot', onSnapshot);
      live.on('BuyerNotice', onNotice);
      await loadSeats();
      live.onState(pollWhileNotLive);
      live.watch(eventId, () => map.versions());
      await restoreHold();
    }
  } catch (error) {
    notify('msg', 'error', error.friendly ?? t('error.generic'));
  }
}
