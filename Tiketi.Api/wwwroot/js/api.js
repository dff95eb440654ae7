// @ts-check
// The REST API: JSON in and out, the bearer token added, one refresh-and-retry on an expired token,
// and problem details turned into ApiError with the stable code.
import { auth } from './auth.js';
import { t, errorText } from './i18n.js';

/** @typedef {{ code?: string, title?: string, detail?: string, status?: number, errors?: Record<string, string[] | string> }} Problem */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Problem | null | undefined} problem
   * @param {number} [retryAfter] seconds, from a 429's or 503's Retry-After
   */
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    /** @type {Problem} */
    this.problem = problem ?? {};
    /** @type {string} */
    this.code = problem?.code ?? (status === 0 ? 'NET' : `HTTP${status}`);
    this.retryAfter = retryAfter;
  }

  /** A message for people, in their language when the code is known. */
  get friendly() {
    if (this.code === 'NET') return t('error.NET');
    return errorText(this.code) ?? (this.problem.detail || t('error.generic'));
  }

  /** Field name → first message, from a REQ002 validation problem. */
  get fieldErrors() {
    const errors = this.problem.errors ?? {};
    return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, Array.isArray(v) ? v[0] : String(v)]));
  }
}

/** Server time minus this browser's time, learned from the Date header of each answer. */
export let clockSkewMs = 0;

/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {unknown} [body]
 * @property {Record<string, string>} [headers]
 * @property {AbortSignal} [signal]
 * @property {boolean} [retried]
 */

/**
 * Calls the API; resolves with the JSON answer, rejects with ApiError.
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 */
export async function api(path, { method = 'GET', body, headers = {}, signal, retried = false } = {}) {
  /** @type {Record<string, string>} */
  const sent = { Accept: 'application/json', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const token = await auth.accessToken();
  if (token) sent.Authorization = `Bearer ${token}`;

  let response;
  const started = Date.now();
  try {
    response = await fetch(path, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'NET' });
  }

  const serverDate = Date.parse(response.headers.get('Date') ?? '');
  if (!Number.isNaN(serverDate)) {
    // The Date header has whole seconds; only trust it when it disagrees by more than that.
    const skew = serverDate - (started + Date.now()) / 2;
    clockSkewMs = Math.abs(skew) > 1500 ? skew : 0;
  }

  if (response.status === 401 && token && !retried) {
    if (await auth.refresh()) return api(path, { method, body, headers, signal, retried: true });
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
