// @ts-check
// The live sale view: status controls, sold / held / available per category and block, the queue,
// a tickets-per-second chart, queue controls, and order search (by buyer email) with refunds. Counts
// move live from the seat stream (every block's delta carries its absolute counts); the figures
// endpoint is read every 2 s for what only it knows (shoppers now, admitted so far), and the orders
// shown are read again within 2 s of a change. When the live link is down the figures say they are
// stale, with the time they were last current, instead of looking live.
import { api, ApiError } from '../api.js';
import { page, el, notify, notifyAt, reportAt, param, announce } from '../layout.js';
import { live } from '../live.js';
import { t, tn, errorText, locale } from '../i18n.js';
import { number, money, dateTime, seatName, wait } from '../format.js';
import { requireAdmin, openDashboard } from '../admin.js';
import { drawRateChart } from '../chart.js';
import { remember } from '../events-cache.js';
import { categoryColors, swatch } from '../seatmap.js';

/** @typedef {import('../types').Counts} Counts */
/** @typedef {import('../types').SaleFigures} SaleFigures */
/** @typedef {import('../types').AdminOrder} AdminOrder */

const eventId = param('id') ?? '';
/** @param {string} id */
const $ = id => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const field = id => /** @type {HTMLInputElement} */ (document.getElementById(id));
const FIGURES_EVERY_MS = 2_000;
const ORDERS_AFTER_CHANGE_MS = 1_000;
const STALE_AFTER_MS = 10_000;
const CHART_SECONDS = 120;

/** @type {any} title, categories, blocks (names), time zone */
let info = null;
/** @type {SaleFigures | null} */
let figures = null;
let figuresAt = 0;
/** @type {Map<string, { version: number, counts: Record<string, Counts> }>} */
const blocks = new Map();
/** @type {import('../types').QueueProgress | null} the latest QueueProgress */
let queue = null;
/** @type {number[]} */
const soldSeries = [];
/** @type {number | null} */
let lastSold = null;
/** @type {AdminOrder[] | null} */
let orders = null;
/** @type {URLSearchParams} the last order search */
let orderQuery = new URLSearchParams();
/** @type {ReturnType<typeof setTimeout> | undefined} */
let ordersTimer;
let queueFormTouched = false;
let connection = 'connecting';
/** @type {{ at: number, admitted: number }[]} admitted totals seen, for the rate admissions really run at */
const admittedSeen = [];

/** @returns {Counts} */
const zero = () => ({ available: 0, held: 0, sold: 0 });
/** @param {Counts} a @param {Counts} b @returns {Counts} */
const add = (a, b) => ({ available: a.available + b.available, held: a.held + b.held, sold: a.sold + b.sold });
/** @param {string} id */
const categoryName = id => info?.categories?.find((/** @type {{ id: string }} */ c) => c.id === id)?.name ?? id;
/** @param {string} id */
const blockName = id => info?.blocks?.find((/** @type {{ id: string }} */ b) => b.id === id)?.name ?? id;

/** Per category and per block, from the live block counts when there are any, else from the figures. */
/** @returns {{ total: Counts, byCategory: Record<string, Counts>, byBlock: Record<string, Counts> }} */
function totals() {
  if (!blocks.size || [...blocks.values()].some(b => b.version < 0)) {
    return { total: figures?.total ?? zero(), byCategory: figures?.byCategory ?? {}, byBlock: figures?.byBlock ?? {} };
  }
  /** @type {Record<string, Counts>} */
  const byCategory = {};
  /** @type {Record<string, Counts>} */
  const byBlock = {};
  let total = zero();
  for (const [blockId, block] of blocks) {
    let sum = zero();
    for (const [categoryId, counts] of Object.entries(block.counts)) {
      byCategory[categoryId] = add(byCategory[categoryId] ?? zero(), counts);
      sum = add(sum, counts);
    }
    byBlock[blockId] = sum;
    total = add(total, sum);
  }
  return { total, byCategory, byBlock };
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} id
 */
function figure(label, value, id) {
  return el('div', { class: 'figure' }, el('div', { class: 'label', text: label }), el('div', { class: 'value', id, text: value }));
}

/**
 * @param {string} caption
 * @param {Record<string, Counts>} rows
 * @param {(id: string) => string} nameOf
 * @param {((id: string) => string | undefined) | undefined} [colorOf]
 */
function countsTable(caption, rows, nameOf, colorOf) {
  return el('table', {},
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: caption }),
      el('th', { scope: 'col', class: 'num', text: t('adminEvent.sold') }),
      el('th', { scope: 'col', class: 'num', text: t('adminEvent.held') }),
      el('th', { scope: 'col', class: 'num', text: t('adminEvent.available') }),
      el('th', { scope: 'col', class: 'bar-cell', text: t('adminEvent.progress') }))),
    el('tbody', {}, Object.entries(rows).sort(([a], [b]) => a.localeCompare(b)).map(([id, c]) => {
      const total = c.available + c.held + c.sold || 1;
      const sold = el('span', { class: 'sold' });
      sold.style.setProperty('width', `${(100 * c.sold) / total}%`);
      const held = el('span', { class: 'held' });
      held.style.setProperty('width', `${(100 * c.held) / total}%`);
      return el('tr', {},
        el('th', { scope: 'row' }, colorOf ? swatch(colorOf(id)) : null, nameOf(id)),
        el('td', { class: 'num', text: number(c.sold) }),
        el('td', { class: 'num', text: number(c.held) }),
        el('td', { class: 'num', text: number(c.available) }),
        el('td', { class: 'bar-cell' }, el('div', { class: 'stackbar', role: 'img', 'aria-label': t('adminEvent.soldPercent', { n: Math.round((100 * c.sold) / total) }) }, sold, held)));
    })));
}

/**
 * The sections' seat marks, read only: aisles, seats not for sale, wheelchair spaces with companions.
 * @returns {HTMLElement | null}
 */
function seatMarks() {
  /** @param {string[]} ids */
  const list = ids => (ids.length > 12 ? `${ids.slice(0, 12).join(', ')} … ${t('adminEvent.marks.more', { n: ids.length - 12 })}` : ids.join(', '));
  // The blocks may be names only (a draft's, from the operator list): then there is nothing to show.
  const items = (/** @type {import('../types').Block[]} */ (info?.blocks ?? [])).map(block => {
    const rows = Array.isArray(block.rows) ? block.rows : [];
    const aisles = [...new Set(rows.flatMap(r => r.aislesAfter ?? []))].sort((a, b) => a - b);
    const blocked = rows.flatMap(r => (r.blocked ?? []).map(n => `${r.label}-${n}`));
    const pairs = rows.flatMap(r => (r.wheelchairs ?? []).map(w => `${r.label}-${w.seat} + ${r.label}-${w.companion}`));
    const parts = [
      aisles.length ? t('adminEvent.marks.aisles', { seats: aisles.join(', ') }) : '',
      blocked.length ? t('adminEvent.marks.blocked', { seats: list(blocked) }) : '',
      pairs.length ? t('adminEvent.marks.wheelchairs', { pairs: list(pairs) }) : '',
    ].filter(Boolean);
    return parts.length ? el('li', {}, `${block.name}: ${parts.join('; ')}`) : null;
  }).filter(item => item !== null);
  return items.length ? el('div', { class: 'small', id: 'seat-marks' }, el('p', { class: 'muted', text: t('adminEvent.marks') }), el('ul', {}, items)) : null;
}

function renderTop() {
  $('top').replaceChildren(
    el('div', { class: 'row spread' },
      el('div', {},
        el('p', { class: 'small' }, el('a', { href: '/admin/', text: t('adminEvent.back') })),
        el('h1', { text: info?.title ?? eventId }),
        info?.startsAt ? el('p', { class: 'muted', text: `${dateTime(info.startsAt, info.timeZone)} · ${info.venue ?? ''}` }) : null),
      el('button', { type: 'button', class: 'btn secondary', onclick: openDashboard, text: t('admin.dashboard') })));
  /** @type {HTMLAnchorElement} */ ($('public-link')).href = `/event.html?id=${encodeURIComponent(eventId)}`;
  /** @type {HTMLAnchorElement} */ ($('audit-link')).href = `/admin/audit.html?id=${encodeURIComponent(eventId)}`;
}

function renderStatus() {
  const status = figures?.status ?? info?.status;
  if (!status) return;
  const badge = $('status-badge');
  badge.className = `badge ${status}`;
  badge.textContent = t(`status.${status}`);
  /** @type {HTMLButtonElement} */ ($('open-sale')).disabled = !(status === 'draft' || status === 'closed');
  /** @type {HTMLButtonElement} */ ($('close-sale')).disabled = status !== 'onSale';
  /** @type {HTMLButtonElement} */ ($('cancel-event')).disabled = status === 'cancelled';
  $('public-link').hidden = status === 'draft';
}

function renderFigures() {
  if (!figures) return;
  const { total, byCategory, byBlock } = totals();
  const rate = queue?.admissionsPerSecond ?? figures.admissionsPerSecond;
  const perSecond = soldSeries.at(-1) ?? 0;
  $('figures').replaceChildren(
    figure(t('adminEvent.sold'), number(total.sold), 'fig-sold'),
    figure(t('adminEvent.held'), number(total.held), 'fig-held'),
    figure(t('adminEvent.available'), number(total.available), 'fig-available'),
    figure(t('adminEvent.perSecond'), number(perSecond), 'fig-rate-now'),
    figure(t('adminEvent.waiting'), number(queue?.waiting ?? figures.queueWaiting), 'fig-waiting'),
    figure(t('adminEvent.shopping'), `${number(figures.activeShoppers)} / ${number(figures.maxActiveShoppers)}`, 'fig-shopping'),
    figure(t('adminEvent.admissionRate'), t('adminEvent.perSecondValue', { n: number(rate) }), 'fig-admission'),
    figure(t('adminEvent.admitted'), number(figures.admittedTotal), 'fig-admitted'),
    figure(t('adminEvent.lastWait'), lastInLineWait(), 'fig-wait'));
  const colors = categoryColors(info?.categories ?? Object.keys(byCategory).map(id => ({ id })));
  $('by-category').replaceChildren(countsTable(t('adminEvent.category'), byCategory, categoryName, id => colors.get(id)));
  $('by-block').replaceChildren(countsTable(t('adminEvent.block'), byBlock, blockName), seatMarks());
  if (!queueFormTouched) {
    field('rate').value = String(rate);
    field('cap').value = String(figures.maxActiveShoppers);
    field('silence').value = String(Math.round(figures.silenceSeconds / 60));
  }
  renderFreshness();
}

/**
 * How long the last buyer in line waits, honestly: while the shopper cap is full, buyers get in only
 * as fast as shoppers leave, so the rate admissions really ran at over the last half minute counts,
 * not the configured one.
 */
function lastInLineWait() {
  if (!figures) return '–';
  const waiting = queue?.waiting ?? figures.queueWaiting;
  if (!waiting) return wait(0);
  const configured = queue?.admissionsPerSecond ?? figures.admissionsPerSecond;
  const capFull = figures.activeShoppers >= figures.maxActiveShoppers;
  let rate = configured;
  if (capFull) {
    const first = admittedSeen[0];
    const last = admittedSeen.at(-1);
    const observed = first && last && last.at > first.at ? (last.admitted - first.admitted) / ((last.at - first.at) / 1000) : 0;
    rate = Math.min(configured, observed);
  }
  if (rate <= 0) return t('adminEvent.waitCapFull');
  const text = wait(waiting / rate);
  return capFull ? t('adminEvent.waitLimited', { wait: text }) : text;
}

/** Live, or stale since when: the figures never look current when they are not. */
function renderFreshness() {
  const box = $('freshness');
  const stale = connection !== 'live' || Date.now() - figuresAt > STALE_AFTER_MS;
  $('figures').dataset.stale = String(stale);
  box.classList.toggle('stale-note', stale);
  box.textContent = stale
    ? t('adminEvent.stale', { when: figuresAt ? new Date(figuresAt).toLocaleTimeString(locale()) : '–' })
    : t('adminEvent.fresh');
}

function renderChart() {
  const values = Array(Math.max(0, CHART_SECONDS - soldSeries.length)).fill(0).concat(soldSeries);
  drawRateChart($('chart'), values);
}

function renderOrders() {
  const box = $('orders');
  if (!orders) return;
  if (!orders.length) {
    box.replaceChildren(el('p', { class: 'muted', text: t('adminEvent.noOrders') }));
    return;
  }
  box.replaceChildren(el('table', {},
    el('caption', { class: 'visually-hidden', text: t('adminEvent.orders') }),
    el('thead', {}, el('tr', {},
      ['adminEvent.order', 'adminEvent.email', 'adminEvent.buyer', 'adminEvent.status', 'adminEvent.seats', 'adminEvent.total', 'adminEvent.action']
        .map(key => el('th', { scope: 'col', text: t(key) })))),
    el('tbody', {}, orders.map(({ buyerId, buyerEmail, order }) => el('tr', { dataset: { order: order.orderId } },
      el('td', { class: 'small', text: order.orderId }),
      el('td', { class: 'small', text: buyerEmail ?? '–' }),
      el('td', { class: 'small', text: buyerId }),
      el('td', {}, el('span', { class: `badge ${order.status}`, text: t(`order.status.${order.status}`) })),
      el('td', { class: 'small', text: `${blockName(order.blockId)}: ${order.lines.map(l => (l.seatId ? seatName(l.seatId) : tn('seat.standingCount', l.quantity))).join(', ')}` }),
      el('td', { class: 'num', text: money(order.total.amount, order.total.currency) }),
      el('td', {}, order.status === 'paid' || order.status === 'held'
        ? el('button', {
          type: 'button', class: 'btn danger small',
          text: order.status === 'paid' ? t('adminEvent.refund') : t('adminEvent.release'),
          'aria-label': `${order.status === 'paid' ? t('adminEvent.refund') : t('adminEvent.release')} ${order.orderId}`,
          onclick: () => refund(order),
        })
        : null))))));
}

function render() {
  renderTop();
  renderStatus();
  renderFigures();
  renderChart();
  renderOrders();
}

// ---------- data ----------

async function loadInfo() {
  try {
    const cached = JSON.parse(sessionStorage.getItem(`tiketi.event.${eventId}`) ?? 'null');
    if (cached) info = cached;
  } catch { /* fetch */ }
  try {
    const detail = await api(`/api/events/${encodeURIComponent(eventId)}`);
    remember(detail);
    info = detail;
  } catch {
    // Drafts are invisible to buyers' endpoints: fall back to the operator list.
    if (!info) {
      const list = await api('/api/admin/events').catch(() => ({ items: [] }));
      info = list.items.find(e => e.eventId === eventId) ?? null;
    }
  }
}

async function loadFigures() {
  try {
    const next = /** @type {SaleFigures} */ (await api(`/api/admin/events/${encodeURIComponent(eventId)}/figures`));
    figures = next;
    figuresAt = Date.now();
    admittedSeen.push({ at: figuresAt, admitted: next.admittedTotal });
    while (admittedSeen.length > 1 && figuresAt - admittedSeen[0].at > 30_000) admittedSeen.shift();
    let added = false;
    for (const blockId of Object.keys(figures.byBlock)) {
      if (!blocks.has(blockId)) {
        blocks.set(blockId, { version: -1, counts: {} });
        added = true;
      }
    }
    // Blocks this page has not seen yet (a draft reports none until it opens): ask for their snapshots.
    if (added) live.catchUp(eventId);
    renderStatus();
    renderFigures();
  } catch (error) {
    renderFreshness();
    if (error instanceof ApiError && (error.code === 'RATE001' || error.code === 'NET')) return;
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}

function sample() {
  const sold = totals().total.sold;
  if (lastSold !== null) {
    soldSeries.push(Math.max(0, sold - lastSold));
    if (soldSeries.length > CHART_SECONDS) soldSeries.shift();
  }
  lastSold = sold;
  renderChart();
  const now = $('fig-rate-now');
  if (now) now.textContent = number(soldSeries.at(-1) ?? 0);
}

/** @param {any} message a SeatSnapshot or SeatDelta */
function onBlock(message) {
  if (message.eventId !== eventId) return;
  const block = blocks.get(message.blockId) ?? { version: -1, counts: {} };
  if (message.version <= block.version) return;
  if (message.seats !== undefined && typeof message.seats !== 'string' && block.version >= 0 && message.version !== block.version + 1) {
    live.catchUp(eventId);
    return;
  }
  blocks.set(message.blockId, { version: message.version, counts: message.counts ?? block.counts });
  scheduleFigures();
  if (block.version >= 0) scheduleOrders();
}

/** The orders shown are read again shortly after seats change (at most once a second). */
function scheduleOrders() {
  if (orders === null || ordersTimer) return;
  ordersTimer = setTimeout(async () => {
    ordersTimer = undefined;
    if (document.visibilityState === 'visible') await loadOrders(false);
  }, ORDERS_AFTER_CHANGE_MS);
}

/** @type {number | null} */
let figuresFrame = null;
function scheduleFigures() {
  figuresFrame ??= requestAnimationFrame(() => { figuresFrame = null; renderFigures(); });
}

// ---------- actions ----------

/**
 * @param {string} action
 * @param {HTMLButtonElement} button
 */
async function change(action, button) {
  if (action === 'cancel' && !window.confirm(t('adminEvent.confirmCancel'))) return;
  button.disabled = true;
  try {
    const detail = await api(`/api/admin/events/${encodeURIComponent(eventId)}/${action}`, { method: 'POST' });
    if (figures) figures = { ...figures, status: detail.status };
    info = { ...(info ?? {}), ...detail };
    remember(detail);
    notify('msg', 'ok', t(`adminEvent.done.${action}`));
    renderStatus();
    renderTop();
    await loadFigures();
  } catch (error) {
    notifyAt(button.parentElement ?? button, 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
    renderStatus();
  }
}

/** @param {SubmitEvent} event */
async function saveQueue(event) {
  event.preventDefault();
  const rate = Number(field('rate').value);
  const cap = Number(field('cap').value);
  const silence = Number(field('silence').value);
  const save = $('queue-save');
  if (!(rate >= 0.01 && rate <= 10000) || !(cap >= 1 && cap <= 1_000_000) || !Number.isInteger(cap)
      || !(silence >= 1 && silence <= 120) || !Number.isInteger(silence)) {
    notifyAt(save, 'error', t('adminEvent.badQueue'));
    return;
  }
  try {
    figures = await api(`/api/admin/events/${encodeURIComponent(eventId)}/queue`, { method: 'PUT', body: { admissionsPerSecond: rate, maxActiveShoppers: cap, silenceSeconds: silence * 60 } });
    queue = queue ? { ...queue, admissionsPerSecond: figures.admissionsPerSecond } : null;
    queueFormTouched = false;
    renderFigures();
    notifyAt(save, 'ok', t('adminEvent.queueSaved', { rate: number(rate), cap: number(cap), silence: number(silence) }));
  } catch (error) {
    if (error instanceof ApiError) reportAt(save, error);
  }
}

/** @param {SubmitEvent} [event] */
async function searchOrders(event) {
  event?.preventDefault();
  const query = new URLSearchParams();
  const buyer = field('buyer').value.trim();
  const status = /** @type {HTMLSelectElement} */ ($('order-status')).value;
  // Operators know buyers by the email they write in with; an account id works too.
  if (buyer) query.set(buyer.includes('@') ? 'email' : 'buyerId', buyer);
  if (status) query.set('status', status);
  orderQuery = query;
  if (await loadOrders(true)) announce(tn('adminEvent.ordersFound', orders?.length ?? 0));
}

/** @param {boolean} tell whether a refusal is shown (a search) or ignored (a background refresh) */
async function loadOrders(tell) {
  try {
    orders = await api(`/api/admin/events/${encodeURIComponent(eventId)}/orders?${orderQuery}`);
    renderOrders();
    if (tell) notifyAt($('orders-form'), 'info', null);
    return true;
  } catch (error) {
    if (tell && error instanceof ApiError) {
      orders = [];
      renderOrders();
      reportAt($('orders-form'), error);
    }
    return false;
  }
}

/** @param {import('../types').Order} order */
async function refund(order) {
  const paid = order.status === 'paid';
  if (!window.confirm(paid ? t('adminEvent.confirmRefund', { id: order.orderId }) : t('adminEvent.confirmRelease', { id: order.orderId }))) return;
  try {
    const path = paid ? `/api/admin/orders/${encodeURIComponent(order.orderId)}/refund` : `/api/admin/holds/${encodeURIComponent(order.orderId)}/release`;
    const next = await api(path, { method: 'POST' });
    orders = (orders ?? []).map(o => (o.order.orderId === next.orderId ? { ...o, order: next } : o));
    renderOrders();
    notifyAt($('orders'), 'ok', t(paid ? 'adminEvent.refunded' : 'adminEvent.released', { id: order.orderId }));
  } catch (error) {
    notifyAt($('orders'), 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}

$('open-sale').addEventListener('click', () => change('open', /** @type {HTMLButtonElement} */ ($('open-sale'))));
$('close-sale').addEventListener('click', () => change('close', /** @type {HTMLButtonElement} */ ($('close-sale'))));
$('cancel-event').addEventListener('click', () => change('cancel', /** @type {HTMLButtonElement} */ ($('cancel-event'))));
$('queue-form').addEventListener('submit', saveQueue);
$('queue-form').addEventListener('input', () => { queueFormTouched = true; });
$('orders-form').addEventListener('submit', searchOrders);

page({ active: 'admin', render });

if (requireAdmin()) {
  if (!eventId) {
    notify('msg', 'error', errorText('EVT001'));
  } else {
    await loadInfo();
    renderTop();
    if (param('created')) notify('msg', 'ok', t('adminEvent.created'));
    await loadFigures();
    renderChart();
    live.on('SeatSnapshot', onBlock);
    live.on('SeatDelta', onBlock);
    live.onState(next => {
      connection = next;
      renderFreshness();
      // Back after a break: read everything again rather than trusting what was missed.
      if (next === 'live') { loadFigures(); scheduleOrders(); }
    });
    live.on('QueueProgress', progress => {
      if (progress.eventId !== eventId) return;
      queue = progress;
      scheduleFigures();
    });
    // Every block at version -1: the hub answers with a snapshot of each, counts included.
    live.watch(eventId, () => Object.fromEntries([...blocks].map(([id, b]) => [id, b.version])));
    setInterval(sample, 1000);
    setInterval(() => { if (document.visibilityState === 'visible') loadFigures(); }, FIGURES_EVERY_MS);
    setInterval(renderFreshness, 1000);
    await searchOrders();
  }
}
