// @ts-check
// Korean and English. The browser's language decides unless the visitor chose one with the switch.
// Texts live in /i18n/en.json and /i18n/ko.json; error messages in /i18n/errors.json, the catalogue the
// server answers from (one source for both, checked by the tests).

/** @typedef {'en' | 'ko'} Lang */
/** @typedef {{ status: number | null, title: string, meaning: string, en: string, ko: string }} ErrorEntry */

const STORAGE_KEY = 'tiketi.lang';
/** @type {Lang[]} */
export const languages = ['en', 'ko'];
/** @type {Lang} */
let current = pick();
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();
/** @type {Record<string, Record<string, string>>} */
const texts = {};

/** @param {string} path */
async function load(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** @param {Lang} lang */
async function ensure(lang) {
  texts[lang] ??= await load(`/i18n/${lang}.json`);
}

/** @type {Record<string, ErrorEntry>} */
const errors = await Promise.all([ensure('en'), ensure(current), load('/i18n/errors.json')]).then(([, , e]) => e);

/** @returns {Lang} */
function pick() {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === 'en' || chosen === 'ko') return chosen;
  } catch { /* storage may be blocked */ }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'en' || base === 'ko') return base;
  }
  return 'en';
}

export function lang() { return current; }

/** The BCP 47 locale used for numbers, money and dates. */
export function locale() { return current === 'ko' ? 'ko-KR' : 'en-US'; }

/** @param {string} next */
export async function setLang(next) {
  if ((next !== 'en' && next !== 'ko') || next === current) return;
  await ensure(next);
  current = next;
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* ignore */ }
  applyDocument();
  listeners.forEach(fn => fn(next));
}

/** @param {(lang: Lang) => void} fn */
export function onLangChange(fn) { listeners.add(fn); }

/**
 * The message for a key in the current language, with {name} placeholders filled in.
 * @param {string} key
 * @param {Record<string, string | number | null | undefined>} [vars]
 */
export function t(key, vars) {
  const text = texts[current]?.[key] ?? texts.en[key] ?? key;
  return vars ? fill(text, vars) : text;
}

/**
 * @param {string} text
 * @param {Record<string, string | number | null | undefined>} vars
 */
function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

/**
 * Like t, with "{key}.one" for a count of one where the language has it ("1 ticket", "2 tickets").
 * @param {string} key
 * @param {number} n
 * @param {Record<string, string | number | null | undefined>} [vars]
 */
export function tn(key, n, vars = {}) {
  const one = `${key}.one`;
  return t(n === 1 && (one in texts[current] || one in texts.en) ? one : key, { n, ...vars });
}

/** @param {string} key */
export function has(key) { return key in texts.en; }

/**
 * The message of an error code (RES001, PAY001, ...) in the current language, or null for a code the
 * catalogue does not know.
 * @param {string} code
 * @param {Record<string, string | number | null | undefined>} [vars]
 */
export function errorText(code, vars) {
  const entry = errors[code];
  if (!entry) return null;
  return vars ? fill(entry[current], vars) : entry[current];
}

/**
 * Fills every element carrying data-i18n (text), data-i18n-placeholder, data-i18n-aria-label or
 * data-i18n-title under root, and sets the document's language.
 * @param {Document | HTMLElement} [root]
 */
export function applyDocument(root = document) {
  if (root === document) {
    document.documentElement.lang = current;
    const titleKey = document.documentElement.dataset.titleKey;
    if (titleKey) document.title = `${t(titleKey)} · TIKETI`;
  }
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? ''); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => {
    /** @type {HTMLInputElement} */ (el).placeholder = t(/** @type {HTMLElement} */ (el).dataset.i18nPlaceholder ?? '');
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(el => { el.setAttribute('aria-label', t(/** @type {HTMLElement} */ (el).dataset.i18nAriaLabel ?? '')); });
  root.querySelectorAll('[data-i18n-title]').forEach(el => { /** @type {HTMLElement} */ (el).title = t(/** @type {HTMLElement} */ (el).dataset.i18nTitle ?? ''); });
}
