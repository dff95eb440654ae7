// The REST API: JSON in and out, the bearer token added, one refresh-and-retry on an expired token,
// and problem details turned into ApiError with the stable code.
import { auth } from './auth.js';
import { t, has } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code ?? (status === 0 ? 'NET' : `HTTP${status}`);
    this.retryAfter = retryAfter;
  }

  /** A message for people, in their language when the code is known. */
  get friendly() {
    return has(`error.${this.code}`) ? t(`error.${this.code}`) : (this.problem.detail || t('error.generic'));
  }

  /** Field name → first message, from a REQ002 validation problem. */
  get fieldErrors() {
    const errors = this.problem.errors ?? {};
    return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, Array.isArray(v) ? v[0] : String(v)]));
  }
}

/** Server time minus this browser's time, learned from the Date header of each answer. */
export let clockSkewMs = 0;

/** How long a page keeps retrying "one moment" answers (SYS002, SYS003, no answer) before it shows the error. */
export const PATIENCE_MS = 60_000;

/**
 * Calls the API. While the service is failing over (503 with SYS002/SYS003, or no answer because a host
 * died), a request that is safe to send again (a read, a DELETE, anything with an Idempotency-Key, or a
 * call marked idempotent such as a queue join) is retried after Retry-After, with the same headers and so
 * the same key, for up to PATIENCE_MS; meanwhile window gets 'tiketi:one-moment' events ({ waiting }) and
 * an element #one-moment, where a page has one, is shown.
 */
export async function api(path, options = {}) {
  const method = options.method ?? 'GET';
  const safe = options.idempotent || method === 'GET' || method === 'DELETE' || 'Idempotency-Key' in (options.headers ?? {});
  const giveUp = Date.now() + PATIENCE_MS;
  let paused = false;
  try {
    for (;;) {
      try {
        return await send(path, options);
      } catch (error) {
        const transient = error instanceof ApiError && (error.code === 'SYS002' || error.code === 'SYS003' || error.status === 0);
        if (!safe || !transient || Date.now() >= giveUp) throw error;
        if (!paused) oneMoment(paused = true);
        await new Promise(resolve => setTimeout(resolve, (error.retryAfter ?? 1) * 1000));
      }
    }
  } finally {
    if (paused) oneMoment(false);
  }
}

function oneMoment(waiting) {
  window.dispatchEvent(new CustomEvent('tiketi:one-moment', { detail: { waiting } }));
  const banner = document.getElementById('one-moment');
  if (banner) banner.hidden = !waiting;
}

async function send(path, { method = 'GET', body, headers = {}, signal, retried = false } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const token = await auth.accessToken();
  if (token) sent.Authorization = `Bearer ${token}`;

  let response;
  const started = Date.now();
  try {
    response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'NET' });
  }

  const serverDate = Date.parse(response.headers.get('Date') ?? '');
  if (!Number.isNaN(serverDate)) {
    // The Date header has whole seconds; only trust it when it disagrees by more than that.
    const skew = serverDate - (started + Date.now()) / 2;
    clockSkewMs = Math.abs(skew) > 1500 ? skew : 0;
  }

  if (response.status === 401 && token && !retried) {
    if (await auth.refresh()) return send(path, { method, body, headers, signal, retried: true });
  }

  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { detail: text }; }
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    throw new ApiError(response.status, json, retryAfter);
  }
  return json;
}

/** Now, by the server's clock. */
export function serverNow() { return Date.now() + clockSkewMs; }

/** A fresh idempotency key for one checkout attempt. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
