// @ts-check
// The live connection to /hubs/sale. It reconnects by itself for as long as the page is open, and
// after every (re)connection it watches its events again, naming the block versions it already has,
// so the server sends only what was missed. Without the SignalR library the pages poll instead.
import { auth } from './auth.js';
import { showConnection } from './layout.js';

const targets = ['SeatDelta', 'SeatSnapshot', 'QueueProgress', 'BuyerNotice'];
const handlers = Object.fromEntries(targets.map(name => [name, []]));
const stateListeners = new Set();
const watches = new Map(); // eventId → () => ({ blockId: version } | null)
let connection = null;
let state = 'connecting';
let restartTimer = null;
let attempts = 0;
let offline = !navigator.onLine;

function setState(next) {
  if (state === next) return;
  state = next;
  showConnection(next);
  stateListeners.forEach(fn => fn(next));
}

function backoff() {
  // 0.5 s, 1 s, 2 s, 4 s, then every 8 s, with jitter so a venue's phones do not return in step.
  const base = Math.min(500 * 2 ** Math.min(attempts, 4), 8000);
  return base / 2 + Math.random() * base / 2;
}

async function watchAll() {
  for (const [eventId, versions] of watches) {
    await connection.invoke('WatchEvent', eventId, versions() ?? null);
  }
}

function build() {
  const hub = window.signalR;
  connection = new hub.HubConnectionBuilder()
    .withUrl('/hubs/sale', { accessTokenFactory: async () => (await auth.accessToken()) ?? '' })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => { attempts = context.previousRetryCount; return backoff(); } })
    .configureLogging(hub.LogLevel.None)
    .build();
  connection.keepAliveIntervalInMilliseconds = 10_000;
  connection.serverTimeoutInMilliseconds = 30_000;
  for (const name of targets) {
    connection.on(name, payload => handlers[name].forEach(fn => fn(payload)));
  }
  connection.onreconnecting(() => setState(offline ? 'offline' : 'reconnecting'));
  connection.onreconnected(async () => {
    try {
      await watchAll();
      attempts = 0;
      setState('live');
    } catch {
      connection.stop(); // onclose starts over
    }
  });
  connection.onclose(() => {
    setState(offline ? 'offline' : 'reconnecting');
    if (!offline) scheduleStart();
  });
}

function scheduleStart(delay = backoff()) {
  clearTimeout(restartTimer);
  restartTimer = setTimeout(start, delay);
}

async function start() {
  clearTimeout(restartTimer);
  if (!connection || connection.state !== 'Disconnected') return;
  try {
    await connection.start();
    await watchAll();
    attempts = 0;
    setState('live');
  } catch {
    attempts++;
    setState(offline ? 'offline' : 'reconnecting');
    if (connection.state !== 'Disconnected') await connection.stop().catch(() => {});
    if (!offline) scheduleStart();
  }
}

// The browser knows about network changes before the socket does: drop a socket that is probably
// dead at once, and come back as soon as the network does, instead of waiting for time-outs.
window.addEventListener('offline', () => {
  offline = true;
  setState('offline');
  clearTimeout(restartTimer);
  connection?.stop().catch(() => {});
});
window.addEventListener('online', () => {
  offline = false;
  attempts = 0;
  setState('reconnecting');
  if (connection?.state === 'Disconnected') start();
});

export const live = {
  /** False when the SignalR library is missing: callers poll instead. */
  get available() { return !!window.signalR; },
  get state() { return state; },
  get connected() { return connection?.state === 'Connected'; },

  on(target, fn) { handlers[target].push(fn); },
  onState(fn) { stateListeners.add(fn); fn(state); },

  /** Watches an event; `versions` returns the block versions this page has (or null for none). */
  async watch(eventId, versions = () => null) {
    watches.set(eventId, versions);
    if (!this.available) {
      setState('polling');
      return;
    }
    if (!connection) {
      build();
      setState(offline ? 'offline' : 'connecting');
      await start();
    } else if (connection.state === 'Connected') {
      await connection.invoke('WatchEvent', eventId, versions() ?? null).catch(() => connection.stop());
    }
  },

  /** Asks again for what was missed after a gap in an event's block versions. */
  async catchUp(eventId) {
    if (connection?.state === 'Connected' && watches.has(eventId)) {
      await connection.invoke('WatchEvent', eventId, watches.get(eventId)() ?? null).catch(() => connection.stop());
    }
  },
};
