// @ts-check
// The frame every page shares: skip link, header with navigation, language switch, connection
// status, footer. Pages call page() once, then render their own <main>. Messages about an action
// appear next to the control that was used (notifyAt), not at the top of a long page.
import { auth } from './auth.js';
import { t, lang, setLang, applyDocument, onLangChange } from './i18n.js';

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * Creates an element: attributes (class, text, on* listeners, dataset, the rest as attributes) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of /** @type {Child[]} */ (children.flat())) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};
export { el };

/** @type {HTMLElement | null} */
let connectionPill = null;
/** @type {string | null} */
let connectionState = null;

/**
 * Shows the live connection's state in the header (pages with live updates call this).
 * @param {string} state
 */
export function showConnection(state) {
  connectionState = state;
  if (!connectionPill) return;
  connectionPill.hidden = false;
  connectionPill.dataset.state = state;
  connectionPill.textContent = t(`conn.${state}`);
}

/** @param {string | undefined} active */
function header(active) {
  const links = [['/', 'nav.events', 'events']];
  if (auth.signedIn) links.push(['/orders.html', 'nav.orders', 'orders']);
  if (auth.isAdmin) links.push(['/admin/', 'nav.operator', 'admin']);

  const nav = el('nav', { class: 'site-nav', 'aria-label': t('nav.label') },
    links.map(([href, key, id]) => el('a', { href, 'aria-current': id === active ? 'page' : null, text: t(key) })));
  if (auth.signedIn) {
    nav.append(el('span', { class: 'visually-hidden', text: t('nav.signedInAs', { name: auth.displayName }) }));
    nav.append(el('button', {
      type: 'button', class: 'link', text: t('nav.signOut'),
      onclick: async () => { await auth.signOut(); location.href = '/'; },
    }));
  } else {
    const back = encodeURIComponent(location.pathname + location.search);
    nav.append(el('a', { href: `/signin.html?return=${back}`, 'aria-current': active === 'signin' ? 'page' : null, text: t('nav.signIn') }));
  }

  connectionPill = el('span', { class: 'conn', role: 'status', hidden: connectionState === null });
  if (connectionState) showConnection(connectionState);
  const other = lang() === 'ko' ? 'en' : 'ko';
  const switcher = el('button', {
    type: 'button', class: 'lang-switch', lang: other,
    text: other === 'ko' ? '한국어' : 'English',
    onclick: () => setLang(other),
  });

  return el('div', { class: 'bar' },
    el('a', { class: 'brand', href: '/', 'aria-label': t('nav.home') },
      el('img', { class: 'logo', src: '/img/logo.svg', alt: '' }), 'TIKETI'),
    nav,
    el('div', { class: 'header-tools' }, connectionPill, switcher));
}

/**
 * Sets up the frame. `active` names the current nav entry; `render` redraws the page's own
 * content (called again when the language changes).
 * @param {{ active?: string, render?: () => void }} [options]
 */
export function page({ active, render } = {}) {
  const top = /** @type {HTMLElement} */ (document.getElementById('site-header'));
  const draw = () => {
    applyDocument();
    top.replaceChildren(header(active));
    const footer = document.getElementById('site-footer');
    if (footer) {
      footer.replaceChildren(
        el('p', { text: t('footer.tagline') }),
        el('p', { class: 'small' }, el('a', { href: '/openapi/v1.json', text: t('footer.api') })));
    }
  };
  draw();
  if (!document.getElementById('announce-polite')) {
    document.body.append(
      el('div', { id: 'announce-polite', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
      el('div', { id: 'announce-assertive', class: 'visually-hidden', role: 'alert', 'aria-live': 'assertive' }));
  }
  onLangChange(() => { draw(); render?.(); });
  auth.onChange(() => draw());
  render?.();
}

/** Sends people who are not signed in to the sign-in page, and back here afterwards. */
export function requireSignIn() {
  if (auth.signedIn) return true;
  location.replace(`/signin.html?return=${encodeURIComponent(location.pathname + location.search)}`);
  return false;
}

/**
 * Tells screen-reader users something, politely or at once; the same text twice is announced twice.
 * @param {string} text
 * @param {boolean} [urgent]
 */
export function announce(text, urgent = false) {
  const region = document.getElementById(urgent ? 'announce-assertive' : 'announce-polite');
  if (!region || !text) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/**
 * Shows a message in a notice box and announces it.
 * @param {string | HTMLElement} target
 * @param {string} kind ok, info, warn or error
 * @param {string | null | undefined} text
 */
export function notify(target, kind, text) {
  const box = typeof target === 'string' ? document.getElementById(target) : target;
  if (!box) return;
  box.className = `notice ${kind}`;
  box.textContent = text ?? '';
  box.hidden = !text;
  if (text) announce(text, kind === 'error');
}

/** @param {string} name */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** @type {WeakMap<Element, { box: HTMLElement, timer: ReturnType<typeof setInterval> | undefined }>} */
const inlineNotices = new WeakMap();

/**
 * Shows a message right after the control the person just used, scrolled into view and announced,
 * so a declined card or a taken seat is read where the eye is, not at the top of a long page.
 * Returns the notice box. An empty text removes it.
 * @param {Element} anchor
 * @param {string} kind ok, info, warn or error
 * @param {string | null} text
 */
export function notifyAt(anchor, kind, text) {
  let entry = inlineNotices.get(anchor);
  if (!entry) {
    const box = el('div', { class: 'notice inline', 'data-near': anchor.id || null });
    entry = { box, timer: undefined };
    inlineNotices.set(anchor, entry);
  }
  clearInterval(entry.timer);
  const { box } = entry;
  if (!text) {
    box.remove();
    return box;
  }
  if (box.previousElementSibling !== anchor) anchor.after(box);
  box.className = `notice inline ${kind}`;
  box.setAttribute('role', kind === 'error' || kind === 'warn' ? 'alert' : 'status');
  box.textContent = text;
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest', behavior: 'instant' });
  return box;
}

/**
 * An API refusal next to the control that caused it. Too many requests (429) counts down the
 * server's Retry-After with the control disabled, so the site never looks broken, only busy.
 * @param {Element} anchor
 * @param {{ friendly: string, code?: string, status?: number, retryAfter?: number }} error
 * @param {(HTMLButtonElement | HTMLInputElement | null)[]} [controls] what to disable while waiting (default: the anchor)
 */
export function reportAt(anchor, error, controls) {
  if (error.code !== 'RATE001' && error.status !== 429) {
    notifyAt(anchor, 'error', error.friendly);
    return;
  }
  const waiting = (controls ?? [anchor]).filter(c => c instanceof HTMLButtonElement || c instanceof HTMLInputElement);
  const until = Date.now() + 1000 * Math.max(1, error.retryAfter ?? 5);
  const box = notifyAt(anchor, 'warn', '');
  const entry = inlineNotices.get(anchor);
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(entry?.timer);
      waiting.forEach(c => { c.disabled = false; delete c.dataset.waiting; });
      notifyAt(anchor, 'info', t('rate.again'));
      return;
    }
    box.textContent = t('rate.wait', { n: left });
  };
  notifyAt(anchor, 'warn', t('rate.wait', { n: Math.ceil((until - Date.now()) / 1000) }));
  box.dataset.countdown = 'true';
  waiting.forEach(c => { c.disabled = true; c.dataset.waiting = 'true'; });
  if (entry) entry.timer = setInterval(tick, 250);
}
