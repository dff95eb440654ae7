// The frame every page shares: skip link, header with navigation, language switch, connection
// status, footer. Pages call page() once, then render their own <main>.
import { auth } from './auth.js';
import { t, lang, setLang, applyDocument, onLangChange } from './i18n.js';

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
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};
export { el };

let connectionPill = null;
let connectionState = null;

/** Shows the live connection's state in the header (pages with live updates call this). */
export function showConnection(state) {
  connectionState = state;
  if (!connectionPill) return;
  connectionPill.hidden = false;
  connectionPill.dataset.state = state;
  connectionPill.textContent = t(`conn.${state}`);
}

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
 */
export function page({ active, render } = {}) {
  const top = document.getElementById('site-header');
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

/** Tells screen-reader users something, politely or at once; the same text twice is announced twice. */
export function announce(text, urgent = false) {
  const region = document.getElementById(urgent ? 'announce-assertive' : 'announce-polite');
  if (!region || !text) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** Shows a message in a notice box and announces it. */
export function notify(target, kind, text) {
  const box = typeof target === 'string' ? document.getElementById(target) : target;
  if (!box) return;
  box.className = `notice ${kind}`;
  box.textContent = text ?? '';
  box.hidden = !text;
  if (text) announce(text, kind === 'error');
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}
