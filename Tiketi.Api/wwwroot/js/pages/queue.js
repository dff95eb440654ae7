// @ts-check
// The waiting room: joins the queue, shows the place in line, people ahead and the estimated wait,
// live. The queue's progress arrives over SignalR and prompts a fresh status read (at most one every
// two seconds, well within the per-account poll budget); without pushes it polls on its own. Every read
// also tells the queue this buyer is still here: it reads at least every 15 seconds, far inside the
// queue's silence limit (5 minutes by default), so an open page never loses its place. In a lottery
// sale's pre-queue it waits for the draw at the opening, and a place lost to silence is explained.
import { api, ApiError } from '../api.js';
import { page, notify, announce, requireSignIn, param } from '../layout.js';
import { live } from '../live.js';
import { t, errorText } from '../i18n.js';
import { number, wait, dateTime } from '../format.js';
import { eventSummary, savePass, forgetPass } from '../events-cache.js';

const eventId = param('id');
const MIN_GAP_MS = 2000;
/** @type {any} */
let event = null;
/** @type {any} */
let status = null;
let firstPosition = null;
let lastRead = 0;
let timer = null;
let reading = false;
let lastAnnounced = null;
let stopped = false;

const $ = id => document.getElementById(id);
const seatsUrl = () => `/seats.html?id=${encodeURIComponent(eventId)}`;

function show(section) {
  for (const id of ['joining', 'waiting', 'admitted', 'expired', 'prequeue']) $(id).hidden = id !== section;
  $('leave').hidden = section !== 'waiting';
}

function render() {
  if (event) $('event-title').textContent = event.title;
  if (!status) return;
  switch (status.state) {
    case 'waiting': {
      show('waiting');
      firstPosition ??= status.position;
      firstPosition = Math.max(firstPosition, status.position);
      $('position').textContent = number(status.position);
      $('ahead').textContent = number(status.peopleAhead);
      $('eta').textContent = wait(status.estimatedWaitSeconds);
      const done = firstPosition > 1 ? (firstPosition - status.position) / (firstPosition - 1) : 1;
      $('progress').style.setProperty('width', `${Math.round(5 + 95 * done)}%`);
      // Announce the place now and then, not on every change: every 10 places, and the last 10.
      const bucket = status.position <= 10 ? status.position : Math.ceil(status.position / 10) * 10;
      if (bucket !== lastAnnounced) {
        lastAnnounced = bucket;
        $('live-status').textContent = t('queue.announce', { position: number(status.position), eta: wait(status.estimatedWaitSeconds) });
      }
      notify('msg', 'info', '');
      break;
    }
    case 'admitted':
      show('admitted');
      /** @type {HTMLAnchorElement} */ ($('go-seats')).href = seatsUrl();
      $('pass-expiry').textContent = status.passExpiresAt ? t('queue.passUntil', { when: dateTime(status.passExpiresAt, event?.timeZone) }) : '';
      break;
    case 'soldOut':
      show(null);
      $('heading').textContent = t('queue.soldOutHeading');
      notify('msg', 'warn', t('queue.soldOut'));
      break;
    case 'expired':
      show('expired');
      notify('msg', 'warn', t('queue.expired'));
      break;
    case 'preQueue':
      show('prequeue');
      $('prequeue-opens').textContent = t('queue.preQueueOpens', { when: dateTime(status.opensAt, event?.timeZone) });
      notify('msg', 'info', '');
      break;
    case 'dropped':
      show('expired');
      $('heading').textContent = t('queue.droppedHeading');
      notify('msg', 'warn', t('queue.dropped', { when: dateTime(status.droppedAt, event?.timeZone) }));
      break;
    case 'notInQueue':
      show('joining');
      break;
  }
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(read, Math.max(delay, lastRead + MIN_GAP_MS - Date.now()));
}

/** The next read: soon near the front, rarely far back, more often when nothing is pushed. */
function nextDelay() {
  // At the opening every pre-queued page asks at once; a little jitter spreads them over two seconds.
  if (status?.state === 'preQueue') return Math.min(15_000, Math.max(MIN_GAP_MS, Date.parse(status.opensAt) - Date.now())) + Math.random() * 2000;
  if (!status || status.state !== 'waiting') return 5000;
  if (status.estimatedWaitSeconds < 10) return MIN_GAP_MS;
  const pushed = live.connected ? 2 : 1; // pushes prompt reads anyway
  return Math.min(15_000, Math.max(MIN_GAP_MS, (status.estimatedWaitSeconds * 1000) / 4) * pushed);
}

async function read() {
  if (reading) return;
  reading = true;
  lastRead = Date.now();
  try {
    const next = await api(`/api/events/${encodeURIComponent(eventId)}/queue`);
    await apply(next);
  } catch (error) {
    handle(error);
  } finally {
    reading = false;
    if (!stopped && (status?.state === 'waiting' || status?.state === 'preQueue' || !status)) schedule(nextDelay());
  }
}

async function apply(next) {
  const before = status?.state;
  status = next;
  if (next.state === 'notInQueue') {
    await join();
    return;
  }
  if (next.state === 'expired') forgetPass(eventId);
  if (next.state === 'admitted') {
    if (next.pass) savePass(eventId, next.pass, next.passExpiresAt);
    render();
    if (before !== 'admitted') {
      clearTimeout(timer);
      announce(t('queue.yourTurnAnnounce'), true);
      $('turn-text').focus();
    }
    return;
  }
  if (next.state === 'soldOut') forgetPass(eventId);
  render();
}

async function join() {
  show('joining');
  try {
    status = await api(`/api/events/${encodeURIComponent(eventId)}/queue`, { method: 'POST' });
  } catch (error) {
    if (error.code !== 'QUEUE006') throw error;
    status = await api(`/api/events/${encodeURIComponent(eventId)}/queue`, { method: 'POST', headers: { 'X-Queue-Proof': await solveProofOfWork() } });
  }
  firstPosition = status.position || null;
  await apply(status);
}

/** Some queues ask each join for a little CPU work, which a person never notices and a bot pays for. */
async function solveProofOfWork() {
  const challenge = await api(`/api/events/${encodeURIComponent(eventId)}/queue/challenge`);
  const worker = new Worker('/js/pow-worker.js');
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => (data.proof ? resolve(data.proof) : reject(new Error('no proof')));
      worker.onerror = reject;
      worker.postMessage({ challenge: challenge.challenge, difficulty: challenge.difficulty });
    });
  } finally {
    worker.terminate();
  }
}

function handle(error) {
  if (!(error instanceof ApiError)) {
    notify('msg', 'error', t('error.generic'));
    return;
  }
  if (error.code === 'RATE001' && error.retryAfter) {
    schedule(error.retryAfter * 1000);
    return;
  }
  if (error.code === 'QUEUE004') {
    status = { state: 'soldOut' };
    render();
    return;
  }
  if (error.code === 'QUEUE007') {
    // Too early for the pre-queue: ask again in a minute, and say roughly when it opens.
    status = { state: 'notOpen' };
    show(null);
    notify('msg', 'info', t('queue.notOpenYet', { when: dateTime(event?.saleOpensAt, event?.timeZone) }));
    schedule(60_000);
    return;
  }
  if (error.code === 'AUTH001' || error.code === 'AUTH002') {
    requireSignIn();
    return;
  }
  // A refusal (sale not open, no such event) will not change by asking again; a network error may.
  if (error.status >= 400 && error.status < 500) stopped = true;
  notify('msg', error.status === 0 ? 'warn' : 'error', error.friendly);
}

$('rejoin').addEventListener('click', async () => {
  notify('msg', 'info', '');
  $('heading').textContent = t('queue.heading');
  stopped = false;
  try {
    await join();
  } catch (error) {
    handle(error);
  }
  if (status?.state === 'waiting' || status?.state === 'preQueue') schedule(nextDelay());
});

$('leave').addEventListener('click', async () => {
  clearTimeout(timer);
  try {
    await api(`/api/events/${encodeURIComponent(eventId)}/queue`, { method: 'DELETE' });
  } catch { /* leaving anyway */ }
  forgetPass(eventId);
  location.href = `/event.html?id=${encodeURIComponent(eventId)}`;
});

page({ active: 'events', render });

if (requireSignIn()) {
  if (!eventId) {
    notify('msg', 'error', errorText('EVT001'));
  } else {
    event = await eventSummary(eventId);
    render();
    live.on('QueueProgress', progress => {
      if (progress.eventId !== eventId) return;
      if (progress.soldOut) {
        status = { state: 'soldOut' };
        render();
        return;
      }
      if (status?.state === 'waiting') schedule(0);
    });
    live.onState(state => { if (state === 'live' && status?.state === 'waiting') schedule(0); });
    live.watch(eventId);
    try {
      const current = await api(`/api/events/${encodeURIComponent(eventId)}/queue`);
      lastRead = Date.now();
      await apply(current);
    } catch (error) {
      handle(error);
      if (!stopped && !status) schedule(5000);
    }
    if (status?.state === 'waiting' || status?.state === 'preQueue') schedule(nextDelay());
  }
}
