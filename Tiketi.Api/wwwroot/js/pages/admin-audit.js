// @ts-check
// The on-sale audit: how a sale went, from the grains that own each fact, for the operator who must
// answer "I was first and didn't get in". Counts, conversion and sell-out times per category and
// block, refusals by code, the queue and the waitlist (when they recorded an audit), a buyer lookup,
// and the same report as CSV.
import { api } from '../api.js';
import { auth } from '../auth.js';
import { page, el, notify, param, announce } from '../layout.js';
import { t, errorText } from '../i18n.js';
import { number, dateTime } from '../format.js';
import { requireAdmin } from '../admin.js';
import { drawRateChart } from '../chart.js';

const eventId = param('id');
const $ = id => document.getElementById(id);
const ORDER_PAGE = 100;
const base = () => `/api/admin/events/${encodeURIComponent(eventId)}/audit`;

let report = null;
let buyer = null;
let orderOffset = 0;

const percent = ratio => (ratio === null || ratio === undefined ? '–' : `${Math.round(ratio * 1000) / 10}%`);
const released = h => h.releasedByBuyer.holds + h.releasedByAdmin.holds + h.releasedOther.holds;

/** "1:02:03" from a .NET TimeSpan string ("01:02:03.456" or "1.01:02:03"). */
function span(value) {
  if (!value) return '–';
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+)/.exec(value);
  if (!match) return value;
  const hours = Number(match[1] ?? 0) * 24 + Number(match[2]);
  return hours ? `${hours}:${match[3]}:${match[4]}` : `${Number(match[3])}:${match[4]}`;
}

/** Seconds in a .NET TimeSpan string, for comparing two of them. */
function seconds(value) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(value ?? '');
  return match ? ((Number(match[1] ?? 0) * 24 + Number(match[2])) * 60 + Number(match[3])) * 60 + Number(match[4]) : 0;
}

function figure(label, value, id) {
  return el('div', { class: 'figure' }, el('div', { class: 'label', text: label }), el('div', { class: 'value', id, text: value }));
}

function table(caption, headers, rows) {
  return el('table', {},
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {}, headers.map(([key, num]) => el('th', { scope: 'col', class: num ? 'num' : '', text: t(key) })))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map((cell, i) => (i === 0
      ? el('th', { scope: 'row', text: cell })
      : el('td', { class: headers[i][1] ? 'num' : 'small', text: cell })))))));
}

const SALES_HEADERS = [
  ['audit.name'], ['audit.sold', true], ['audit.held', true], ['audit.available', true], ['audit.holdsPlaced', true],
  ['audit.holdsExpired', true], ['audit.holdsReleased', true], ['audit.holdsSold', true], ['audit.conversion', true],
  ['audit.firstNoneAvailable'], ['audit.soldOutAfter'],
];

function salesRow(name, row) {
  return [name, number(row.now.sold), number(row.now.held), number(row.now.available), number(row.holds.placed.holds),
    number(row.holds.expired.holds), number(released(row.holds)), number(row.holds.sold.holds), percent(row.holds.conversion),
    dateTime(row.firstNoneAvailableAt) || '–', span(row.timeToSellOut)];
}

function renderTop() {
  $('top').replaceChildren(el('div', {},
    el('p', { class: 'small' }, el('a', { href: `/admin/event.html?id=${encodeURIComponent(eventId ?? '')}`, text: t('audit.back') })),
    el('h1', { text: t('audit.heading', { title: report?.title ?? eventId ?? '' }) }),
    report ? el('p', { class: 'muted', text: t('audit.generated', { at: dateTime(report.generatedAt), status: t(`status.${report.status}`) }) }) : null));
}

function renderFigures() {
  const h = report.holds;
  const soldOut = report.categories.length && report.categories.every(c => c.timeToSellOut)
    ? report.categories.map(c => c.timeToSellOut).reduce((a, b) => (seconds(b) > seconds(a) ? b : a)) : null;
  $('figures').replaceChildren(
    figure(t('audit.capacity'), number(report.total.capacity), 'audit-capacity'),
    figure(t('audit.sold'), number(report.total.sold), 'audit-sold'),
    figure(t('audit.holdsPlaced'), number(h.placed.holds), 'audit-holds'),
    figure(t('audit.holdsExpired'), number(h.expired.holds), 'audit-expired'),
    figure(t('audit.holdsReleased'), number(released(h)), 'audit-released'),
    figure(t('audit.conversion'), percent(h.conversion), 'audit-conversion'),
    figure(t('audit.refunded'), number(h.returned.holds), 'audit-refunded'),
    figure(t('audit.soldOutAfter'), span(soldOut), 'audit-sold-out'));
}

function renderTables() {
  $('by-category').replaceChildren(table(t('audit.byCategory'), SALES_HEADERS, report.categories.map(c => salesRow(c.name, c))));
  $('by-block').replaceChildren(table(t('audit.byBlock'), SALES_HEADERS, report.blocks.map(b => salesRow(b.name, b))));
  $('errors').replaceChildren(report.errors.length
    ? table(t('audit.errors'), [['audit.code'], ['audit.meaning'], ['audit.count', true]],
      report.errors.map(e => [e.code, errorText(e.code) ?? '', number(e.count)]))
    : el('p', { class: 'muted', text: t('audit.noErrors') }));
  renderTimeline($('errors-chart'), report.errorsOverTime.map(e => ({ at: e.minute, count: e.count })), 60, 'audit.errorsChart');
}

/** Sums counts into one bar per step (seconds) from the first to the last, gaps included, and draws them. */
function renderTimeline(container, points, stepSeconds, labelKey) {
  if (!points.length) {
    container.replaceChildren();
    return;
  }
  const first = Math.min(...points.map(p => Date.parse(p.at)));
  const last = Math.max(...points.map(p => Date.parse(p.at)));
  const step = stepSeconds * 1000;
  const values = Array(Math.min(Math.floor((last - first) / step) + 1, 600)).fill(0);
  for (const p of points) {
    const i = Math.floor((Date.parse(p.at) - first) / step);
    if (i < values.length) values[i] += p.count;
  }
  drawRateChart(container, values, { stepSeconds, label: t(labelKey, { n: number(values.length), peak: number(Math.max(...values)) }) });
}

function renderQueue() {
  const live = report.queueNow;
  const audit = report.queue;
  const parts = [];
  if (live) {
    parts.push(el('div', { class: 'figures' },
      figure(t('audit.admitted'), number(live.admittedTotal), 'audit-admitted'),
      figure(t('audit.waiting'), number(live.waiting), 'audit-waiting'),
      figure(t('audit.queueSoldOut'), live.soldOut ? t('audit.yes') : t('audit.no'), 'audit-queue-sold-out')));
  }
  if (!audit) {
    parts.push(el('p', { class: 'muted', text: t('audit.queueNoAudit') }));
  } else {
    parts.push(el('p', { text: audit.lottery
      ? t('audit.lottery', { seed: String(audit.shuffleSeed ?? '–'), at: dateTime(audit.shuffledAt), n: number(audit.preQueued) })
      : t('audit.fifo') }));
    parts.push(el('div', { class: 'figures' },
      figure(t('audit.arrivals'), number(audit.arrivals)), figure(t('audit.admitted'), number(audit.admitted)),
      figure(t('audit.left'), number(audit.left)), figure(t('audit.dropped'), number(audit.dropped))));
    const arrivals = el('div');
    const admissions = el('div');
    parts.push(el('h3', { text: t('audit.arrivalsOverTime') }), arrivals, el('h3', { text: t('audit.admissionsOverTime') }), admissions);
    renderTimeline(arrivals, audit.arrivalsOverTime, 1, 'audit.arrivalsChart');
    renderTimeline(admissions, audit.admissionsOverTime, 1, 'audit.admissionsChart');
    parts.push(el('h3', { id: 'order-heading', text: t('audit.order') }), el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'order-heading' }, table(t('audit.order'),
      [['audit.place', true], ['audit.buyer'], ['audit.arrivedAt'], ['audit.preQueue'], ['audit.outcome'], ['audit.admittedAt']],
      audit.order.map(o => [number(o.sequence), o.buyerId, dateTime(o.arrivedAt), o.fromPreQueue ? t('audit.yes') : t('audit.no'),
        t(`audit.outcome.${o.outcome}`), dateTime(o.admittedAt) || '–']))),
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'btn secondary small', disabled: orderOffset === 0, text: t('audit.previous'), onclick: () => load(Math.max(0, orderOffset - ORDER_PAGE)) }),
      el('button', { type: 'button', class: 'btn secondary small', disabled: audit.order.length < ORDER_PAGE, text: t('audit.next'), onclick: () => load(orderOffset + ORDER_PAGE) })));
  }
  $('queue').replaceChildren(...parts);
}

function renderWaitlist() {
  const w = report.waitlist;
  $('waitlist').replaceChildren(w
    ? el('div', { class: 'figures' },
      figure(t('audit.waitlistJoined'), number(w.joined)), figure(t('audit.waiting'), number(w.waiting)),
      figure(t('audit.offersMade'), number(w.offersMade)), figure(t('audit.offersTaken'), number(w.offersTaken)),
      figure(t('audit.offersLapsed'), number(w.offersLapsed)))
    : el('p', { class: 'muted', text: t('audit.waitlistNoAudit') }));
}

function renderBuyer() {
  if (!buyer) return;
  const parts = [el('p', { text: t('audit.buyerSummary', { id: buyer.buyerId, email: buyer.email ?? '–', paid: number(buyer.ticketsPaid), held: number(buyer.ticketsHeld) }) })];
  if (buyer.queuePlace) {
    const q = buyer.queuePlace;
    parts.push(el('p', { text: t('audit.buyerPlace', { place: number(q.sequence), at: dateTime(q.arrivedAt), outcome: t(`audit.outcome.${q.outcome}`) }) }));
  }
  parts.push(buyer.orders.length
    ? table(t('audit.buyerOrders'), [['audit.orderId'], ['audit.status'], ['audit.createdAt'], ['audit.holdExpiresAt'], ['audit.paidAt'], ['audit.tickets', true]],
      buyer.orders.map(o => [o.orderId, t(`order.status.${o.status}`), dateTime(o.createdAt), dateTime(o.holdExpiresAt), dateTime(o.paidAt) || '–', number(o.lines.reduce((n, l) => n + l.quantity, 0))]))
    : el('p', { class: 'muted', text: t('audit.buyerNoOrders') }));
  $('buyer').replaceChildren(...parts);
}

function render() {
  renderTop();
  if (!report) return;
  renderFigures();
  renderTables();
  renderQueue();
  renderWaitlist();
  renderBuyer();
}

async function load(offset = orderOffset) {
  try {
    report = await api(`${base()}?orderOffset=${offset}&orderLimit=${ORDER_PAGE}`);
    orderOffset = offset;
    render();
  } catch (error) {
    notify('msg', 'error', error.friendly);
  }
}

async function findBuyer(event) {
  event.preventDefault();
  const who = /** @type {HTMLInputElement} */ ($('who')).value.trim();
  if (!who) return;
  try {
    buyer = await api(`${base()}/buyers/${encodeURIComponent(who)}`);
    renderBuyer();
    announce(t('audit.buyerFound'));
  } catch (error) {
    buyer = null;
    $('buyer').replaceChildren();
    notify('msg', 'error', error.friendly);
  }
}

/** The CSV needs the bearer token, so it is fetched and handed to the browser as a file. */
async function downloadCsv() {
  const token = await auth.accessToken();
  const response = await fetch(`${base()}.csv?orderOffset=${orderOffset}&orderLimit=1000`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    notify('msg', 'error', t('error.generic'));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: `audit-${eventId}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

$('buyer-form').addEventListener('submit', findBuyer);
$('refresh').addEventListener('click', () => load());
$('download-csv').addEventListener('click', downloadCsv);

page({ active: 'admin', render });

if (requireAdmin()) {
  if (!eventId) {
    notify('msg', 'error', errorText('EVT001'));
  } else {
    await load(0);
  }
}
