// Sign-in state. The refresh token lives in an HttpOnly, SameSite=Strict cookie scoped to
// /api/auth/refresh: script never sees it, and it outlives the tab and the browser. The access token
// lives in this tab's memory only. A new tab, a bookmarked page or a reopened browser trades the cookie
// for an access token as this module loads (top-level await: importers see the outcome). Logout ends the
// sign-in on the server (every tab's access token is refused within a second) and tells the other tabs.
const HINT_KEY = 'tiketi.signIn'; // localStorage: this browser has a sign-in, and its name; never a token
const REFRESH_MARGIN_MS = 60_000;
const channel = 'BroadcastChannel' in window ? new BroadcastChannel('tiketi-auth') : null;
let session = null; // { accessToken, accessTokenExpiresAt }
let refreshing = null;
const listeners = new Set();

function hint() {
  try {
    return JSON.parse(localStorage.getItem(HINT_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function setHint(value) {
  try {
    if (value) localStorage.setItem(HINT_KEY, JSON.stringify(value));
    else localStorage.removeItem(HINT_KEY);
  } catch { /* private mode: this tab only */ }
}

function save(next) {
  session = next;
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

async function post(path, body, token, headers = {}) {
  const sent = { 'Content-Type': 'application/json', Accept: 'application/json', ...headers };
  if (token) sent.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers: sent, body: JSON.stringify(body), cache: 'no-store', credentials: 'same-origin' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { ok: response.ok, status: response.status, json, response };
}

function tokensOf(json) {
  return { accessToken: json.accessToken, accessTokenExpiresAt: json.accessTokenExpiresAt };
}

function signedOutHere() {
  if (session) save(null);
}

// Another tab signed out (or in): follow it. The storage event reaches every other tab of this browser.
window.addEventListener('storage', event => {
  if (event.key === HINT_KEY && !event.newValue) signedOutHere();
});
channel?.addEventListener('message', ({ data }) => {
  if (data?.type === 'signedOut') signedOutHere();
});

/** Trades the sign-in cookie for a fresh access token; false when there is no sign-in (any more). */
async function renew() {
  try {
    const { ok, status, json } = await post('/api/auth/refresh', {});
    if (!ok) {
      if (status === 401 || status === 400) {
        setHint(null);
        signedOutHere();
      }
      return false;
    }
    save(tokensOf(json));
    return true;
  } catch {
    return false; // offline: keep what we have and try again later
  }
}

/** Finds a proof of work for a sign-in challenge off the main thread (the same solver as the queue's). */
function solve(challenge, difficulty) {
  return new Promise(resolve => {
    const worker = new Worker('/js/pow-worker.js');
    worker.onmessage = ({ data }) => { worker.terminate(); resolve(data.proof); };
    worker.onerror = () => { worker.terminate(); resolve(null); };
    worker.postMessage({ challenge, difficulty });
  });
}

// A page opened in a new tab or a restarted browser: sign in from the cookie before anyone asks.
if (hint()) await renew();

export const auth = {
  get signedIn() { return !!session; },
  get claims() { return session ? claimsOf(session.accessToken) : {}; },
  get accountId() { return this.claims.sub ?? null; },
  get isAdmin() { return this.claims.role === 'admin'; },
  get displayName() { return hint()?.name || this.claims.email || ''; },

  onChange(fn) { listeners.add(fn); },

  /** A valid access token (renewed first when it is about to expire), or null when signed out. */
  async accessToken() {
    if (!session) return null;
    if (Date.parse(session.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS) await this.refresh();
    return session?.accessToken ?? null;
  },

  /** Renews the access token from the cookie; concurrent callers share one request. */
  refresh() {
    refreshing ??= renew().finally(() => { refreshing = null; });
    return refreshing;
  },

  /** Signs in; returns null on success or the problem details of the refusal. */
  async signIn(email, password) {
    let attempt = await post('/api/auth/login', { email, password, cookie: true });
    if (attempt.status === 403 && attempt.json?.code === 'AUTH007' && attempt.json.challenge) {
      // Many failed sign-ins on this account: the server asks for a second of work, never a lockout.
      const proof = await solve(attempt.json.challenge, attempt.json.difficulty);
      if (proof) attempt = await post('/api/auth/login', { email, password, cookie: true }, null, { 'X-Login-Proof': proof });
    }
    const { ok, json } = attempt;
    if (!ok) return json ?? { status: attempt.status };
    save(tokensOf(json));
    let name = '';
    try {
      const me = await fetch('/api/auth/me', { headers: { Authorization: `Bearer ${json.accessToken}`, Accept: 'application/json' } });
      if (me.ok) name = (await me.json()).displayName ?? '';
    } catch { /* the name is cosmetic */ }
    setHint({ name });
    save(session);
    return null;
  },

  /** Creates an account and signs in; returns null on success or the problem details. */
  async signUp(email, password, displayName) {
    const { ok, json } = await post('/api/auth/register', { email, password, displayName: displayName || null });
    if (!ok) return json ?? { status: 0 };
    return this.signIn(email, password);
  },

  /** Ends the sign-in everywhere: this tab, the others, other browsers' copies of the token. */
  async signOut() {
    const token = await this.accessToken();
    setHint(null);
    channel?.postMessage({ type: 'signedOut' });
    try {
      if (token) await post('/api/auth/logout', {}, token);
    } catch { /* signed out locally anyway */ }
    save(null);
  },
};
