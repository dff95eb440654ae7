// The live sale view: status controls, sold / held / available per category and block, the queue,
// a tickets-per-second chart, queue controls, and order search with refunds. Counts move live from
// the seat stream (every block's delta carries its absolute counts); the figures endpoint is read
// every 30 s for what only it knows (shoppers now, admitted so far) and as the reference.
import { api, ApiError } from '../api.js';
import { page, el, notify, param, announce } from '../layout.js';
import { live } from '../live.js';
import { t, tn, errorText } from '../i18n.js';
import { number, money, dateTime, seatName } from '../format.js';
import { requireAdmin, openDashboard } from '../admin.js';
import { drawRateChart } from '../chart.js';
import { remember } from '../events-cache.js';
import { categoryColors, swatch } from '../seatmap.js';

const eventId = param('id');
const $ = id => document.getElementById(id);
const FIGURES_EVERY_MS = 30_000;
const CHART_SECONDS = 120;

let info = null; // title, categories, blocks (names)
let figures = null;
const blocks = new Map(); // blockId → { version, counts: { categoryId: counts } }
let queue = null; // the latest QueueProgress
const soldSeries = [];
let lastSold = null;
let orders = null;
let queueFormTouched = false;

const zero = () => ({ available: 0, held: 0, sold: 0 });
const add = (a, b) => ({ available: a.available + b.available, held: a.held + b.held, sold: a.sold + b.sold });
const categoryName = id => info?.categories?.find(c => c.id === id)?.name ?? id;
const blockName = id => info?.blocks?.find(b => b.id === id)?.name ?? id;

/** Per category and per block, from the live block counts when there are any, else from the figures. */
function totals() {
  if (!blocks.size || [...blocks.values()].some(b => b.version < 0)) {
    return { total: figures?.total ?? zero(), byCategory: figures?.byCategory ?? {}, byBlock: figures?.byBlock ?? {} };
  }
  const byCategory = {};
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

function figure(label, value, id) {
  return el('div', { class: 'figure' }, el('div', { class: 'label', text: label }), el('div', { class: 'value', id, text: value }));
}

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

function renderTop() {
  $('top').replaceChildren(
    el('div', { class: 'row spread' },
      el('div', {},
        el('p', { class: 'small' }, el('a', { href: '/admin/', text: t('adminEvent.back') })),
        el('h1', { text: info?.title ?? eventId }),
        info?.startsAt ? el('p', { class: 'muted', text: `${dateTime(info.startsAt)} · ${info.venue ?? ''}` }) : null),
      el('button', { type: 'button', class: 'btn secondary', onclick: openDashboard, text: t('admin.dashboard') })));
  $('public-link').href = `/event.html?id=${encodeURIComponent(eventId)}`;
  $('audit-link').href = `/admin/audit.html?id=${encodeURIComponent(eventId)}`;
}

function renderStatus() {
  const status = figures?.status ?? info?.status;
  if (!status) return;
  const badge = $('status-badge');
  badge.className = `badge ${status}`;
  badge.textContent = t(`status.${status}`);
  $('open-sale').disabled = !(status === 'draft' || status === 'closed');
  $('close-sale').disabled = status !== 'onSale';
  $('cancel-event').disabled = status === 'cancelled';
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
    figure(t('adminEvent.admitted'), number(figures.admittedTotal), 'fig-admitted'));
  const colors = categoryColors(info?.categories ?? Object.keys(byCategory).map(id => ({ id })));
  $('by-category').replaceChildren(countsTable(t('adminEvent.category'), byCategory, categoryName, id => colors.get(id)));
  $('by-block').replaceChildren(countsTable(t('adminEvent.block'), byBlock, blockName));
  if (!queueFormTouched) {
    $('rate').value = String(rate);
    $('cap').value = String(figures.maxActiveShoppers);
    $('silence').value = String(Math.round(figures.silenceSeconds / 60));
  }
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
      ['adminEvent.order', 'adminEvent.buyer', 'adminEvent.status', 'adminEvent.seats', 'adminEvent.total', 'adminEvent.action']
        .map(key => el('th', { scope: 'col', text: t(key) })))),
    el('tbody', {}, orders.map(({ buyerId, order }) => el('tr', {},
      el('td', { class: 'small', text: order.orderId }),
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
    figures = await api(`/api/admin/events/${encodeURIComponent(eventId)}/figures`);
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
    if (error instanceof ApiError && error.code === 'RATE001') return;
    notify('msg', 'error', error.friendly);
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
}

let figuresFrame = null;
function scheduleFigures() {
  figuresFrame ??= requestAnimationFrame(() => { figuresFrame = null; renderFigures(); });
}

// ---------- actions ----------

async function change(action, button) {
  if (action === 'cancel' && !window.confirm(t('adminEvent.confirmCancel'))) return;
  button.disabled = true;
  try {
    const detail = await api(`/api/admin/events/${encodeURIComponent(eventId)}/${action}`, { method: 'POST' });
    figures = { ...(figures ?? {}), status: detail.status };
    info = { ...(info ?? {}), ...detail };
    remember(detail);
    notify('msg', 'ok', t(`adminEvent.done.${action}`));
    renderStatus();
    renderTop();
    await loadFigures();
  } catch (error) {
    notify('msg', 'error', error.friendly);
    renderStatus();
  }
}

async function saveQueue(event) {
  event.preventDefault();
  const rate = Number($('rate').value);
  const cap = Number($('cap').value);
  const silence = Number($('silence').value);
  if (!(rate >= 0.01 && rate <= 10000) || !(cap >= 1 && cap <= 1_000_000) || !Number.isInteger(cap)
      || !(silence >= 1 && silence <= 120) || !Number.isInteger(silence)) {
    notify('msg', 'error', t('adminEvent.badQueue'));
    return;
  }
  try {
    figures = await api(`/api/admin/events/${encodeURIComponent(eventId)}/queue`, { method: 'PUT', body: { admissionsPerSecond: rate, maxActiveShoppers: cap, silenceSeconds: silence * 60 } });
    queue = queue ? { ...queue, admissionsPerSecond: figures.admissionsPerSecond } : null;
    queueFormTouched = false;
    renderFigures();
    notify('msg', 'ok', t('adminEvent.queueSaved', { rate: number(rate), cap: number(cap), silence: number(silence) }));
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function searchOrders(event) {
  event?.preventDefault();
  const query = new URLSearchParams();
  const buyer = $('buyer').value.trim();
  const status = $('order-status').value;
  if (buyer) query.set('buyerId', buyer);
  if (status) query.set('status', status);
  try {
    orders = await api(`/api/admin/events/${encodeURIComponent(eventId)}/orders?${query}`);
    renderOrders();
    announce(tn('adminEvent.ordersFound', orders.length));
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function refund(order) {
  const paid = order.status === 'paid';
  if (!window.confirm(paid ? t('adminEvent.confirmRefund', { id: order.orderId }) : t('adminEvent.confirmRelease', { id: order.orderId }))) return;
  try {
    const path = paid ? `/api/admin/orders/${encodeURIComponent(order.orderId)}/refund` : `/api/admin/holds/${encodeURIComponent(order.orderId)}/release`;
    const next = await api(path, { method: 'POST' });
    orders = orders.map(o => (o.order.orderId === next.orderId ? { ...o, order: next } : o));
    renderOrders();
    notify('msg', 'ok', t(paid ? 'adminEvent.refunded' : 'adminEvent.released', { id: order.orderId }));
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

$('open-sale').addEventListener('click', event => change('open', event.currentTarget));
$('close-sale').addEventListener('click', event => change('close', event.currentTarget));
$('cancel-event').addEventListener('click', event => change('cancel', event.currentTarget));
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
    live.on('QueueProgress', progress => {
      if (progress.eventId !== eventId) return;
      queue = progress;
      scheduleFigures();
    });
    // Every block at version -1: the hub answers with a snapshot of each, counts included.
    live.watch(eventId, () => Object.fromEntries([...blocks].map(([id, b]) => [id, b.version])));
    setInterval(sample, 1000);
    setInterval(() => { if (document.visibilityState === 'visible') loadFigures(); }, FIGURES_EVERY_MS);
    await searchOrders();
  }
}
