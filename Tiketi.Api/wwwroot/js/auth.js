// @ts-check
// Sign-in state: tokens live in memory and in this tab's sessionStorage. Access tokens are refreshed
// shortly before they expire (one refresh at a time, shared with this sign-in's other tabs).
const STORAGE_KEY = 'tiketi.auth';
const REFRESH_MARGIN_MS = 60_000;
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('tiketi-auth') : null;
let session = load();
let refreshing = null;
const listeners = new Set();

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (saved?.refreshToken && Date.parse(saved.refreshTokenExpiresAt) > Date.now()) return saved;
  } catch { /* nothing usable */ }
  return null;
}

function save(next) {
  session = next;
  try {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch { /* memory only */ }
  listeners.forEach(fn => fn(session));
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

// A tab of the same sign-in refreshed: take its new pair instead of reusing the old refresh token.
channel?.addEventListener('message', ({ data }) => {
  if (data?.type === 'rotated' && session && data.previous === session.refreshToken) {
    save({ ...session, ...data.pair });
  } else if (data?.type === 'signedOut' && session && data.refreshToken === session.refreshToken) {
    save(null);
  }
});

async function post(path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  return { ok: response.ok, status: response.status, json, response };
}

async function rotate() {
  const before = session?.refreshToken;
  if (!before) return false;
  const run = async () => {
    if (session?.refreshToken !== before) return !!session; // another tab did it meanwhile
    try {
      const { ok, json, status } = await post('/api/auth/refresh', { refreshToken: before });
      if (!ok) {
        if (status === 401 || status === 400) save(null);
        return false;
      }
      const pair = pairOf(json);
      save({ ...session, ...pair });
      channel?.postMessage({ type: 'rotated', previous: before, pair });
      return true;
    } catch {
      return false; // offline: keep the session and try again later
    }
  };
  return navigator.locks ? navigator.locks.request('tiketi-refresh', run) : run();
}

function pairOf(json) {
  return {
    accessToken: json.accessToken,
    accessTokenExpiresAt: json.accessTokenExpiresAt,
    refreshToken: json.refreshToken,
    refreshTokenExpiresAt: json.refreshTokenExpiresAt,
  };
}

export const auth = {
  get signedIn() { return !!session; },
  get claims() { return session ? claimsOf(session.accessToken) : {}; },
  get accountId() { return this.claims.sub ?? null; },
  get isAdmin() { return this.claims.role === 'admin'; },
  get displayName() { return session?.displayName || this.claims.email || ''; },

  onChange(fn) { listeners.add(fn); },

  /** A valid access token (refreshed first when it is about to expire), or null when signed out. */
  async accessToken() {
    if (!session) return null;
    if (Date.parse(session.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return session?.accessToken ?? null;
  },

  /** Trades the refresh token for a new pair; concurrent callers share one request. */
  refresh() {
    refreshing ??= rotate().finally(() => { refreshing = null; });
    return refreshing;
  },

  /** Signs in; returns null on success or the problem details of the refusal. */
  async signIn(email, password) {
    const { ok, json } = await post('/api/auth/login', { email, password });
    if (!ok) return json ?? { status: 0 };
    save(pairOf(json));
    try {
      const me = await fetch('/api/auth/me', { headers: { Authorization: `Bearer ${json.accessToken}`, Accept: 'application/json' } });
      if (me.ok) save({ ...session, displayName: (await me.json()).displayName });
    } catch { /* the name is cosmetic */ }
    return null;
  },

  /** Creates an account and signs in; returns null on success or the problem details. */
  async signUp(email, password, displayName) {
    const { ok, json } = await post('/api/auth/register', { email, password, displayName: displayName || null });
    if (!ok) return json ?? { status: 0 };
    return this.signIn(email, password);
  },

  async signOut() {
    const current = session;
    save(null);
    if (!current) return;
    channel?.postMessage({ type: 'signedOut', refreshToken: current.refreshToken });
    try {
      await post('/api/auth/logout', { refreshToken: current.refreshToken }, current.accessToken);
    } catch { /* signed out locally anyway */ }
  },
};
