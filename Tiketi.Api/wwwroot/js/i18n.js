// Korean and English. The browser's language decides unless the visitor chose one with the switch.
import { messages } from './messages.js';

const STORAGE_KEY = 'tiketi.lang';
export const languages = ['en', 'ko'];
let current = pick();
const listeners = new Set();

function pick() {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (languages.includes(chosen)) return chosen;
  } catch { /* storage may be blocked */ }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (languages.includes(base)) return base;
  }
  return 'en';
}

export function lang() { return current; }

/** The BCP 47 locale used for numbers, money and dates. */
export function locale() { return current === 'ko' ? 'ko-KR' : 'en-US'; }

export function setLang(next) {
  if (!languages.includes(next) || next === current) return;
  current = next;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* ignore */ }
  applyDocument();
  listeners.forEach(fn => fn(next));
}

export function onLangChange(fn) { listeners.add(fn); }

/** The message for a key in the current language, with {name} placeholders filled in. */
export function t(key, vars) {
  const text = messages[current][key] ?? messages.en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] ?? `{${name}}`));
}

/** Like t, with "{key}.one" for a count of one where the language has it ("1 ticket", "2 tickets"). */
export function tn(key, n, vars = {}) {
  const one = `${key}.one`;
  return t(n === 1 && (one in messages[current] || one in messages.en) ? one : key, { n, ...vars });
}

export function has(key) { return key in messages.en; }

/**
 * Fills every element carrying data-i18n (text), data-i18n-placeholder, data-i18n-aria-label or
 * data-i18n-title under root, and sets the document's language.
 */
export function applyDocument(root = document) {
  if (root === document) {
    document.documentElement.lang = current;
    const titleKey = document.documentElement.dataset.titleKey;
    if (titleKey) document.title = `${t(titleKey)} · TIKETI`;
  }
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel)); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { el.title = t(el.dataset.i18nTitle); });
}
