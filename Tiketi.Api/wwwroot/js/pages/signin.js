// @ts-check
// Sign in, or create an account and sign in; then back to where the visitor came from.
import { auth } from '../auth.js';
import { ApiError } from '../api.js';
import { page, notify } from '../layout.js';
import { t } from '../i18n.js';

const tabs = [document.getElementById('tab-in'), document.getElementById('tab-up')];

function returnUrl() {
  const target = new URLSearchParams(location.search).get('return') ?? '/';
  // Only paths on this site: never "//elsewhere" or "https://elsewhere".
  return target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

function select(tab, focus = true) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute('aria-selected', String(on));
    other.tabIndex = on ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !on;
  }
  notify('msg', 'info', '');
  if (focus) tab.focus();
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', event => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      select(tabs[(i + 1) % 2]);
    }
  });
});

function fieldError(id, message) {
  const input = document.getElementById(id);
  const box = document.getElementById(`${id}-error`);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  if (box) box.textContent = message ?? '';
}

function explain(problem) {
  return new ApiError(problem.status ?? 0, problem.code ? problem : { code: problem.status ? undefined : 'NET', ...problem }).friendly;
}

async function busy(form, work) {
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try { await work(); } finally { button.disabled = false; }
}

document.getElementById('form-in').addEventListener('submit', event => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement & { email: HTMLInputElement, password: HTMLInputElement }} */ (event.currentTarget);
  busy(form, async () => {
    const email = form.email.value.trim();
    if (!email || !form.password.value) {
      notify('msg', 'error', t('signin.missing'));
      return;
    }
    try {
      const problem = await auth.signIn(email, form.password.value);
      if (problem) {
        notify('msg', 'error', explain(problem));
        return;
      }
      location.href = returnUrl();
    } catch {
      notify('msg', 'error', t('error.NET'));
    }
  });
});

document.getElementById('form-up').addEventListener('submit', event => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement & { email: HTMLInputElement, password: HTMLInputElement, displayName: HTMLInputElement }} */ (event.currentTarget);
  busy(form, async () => {
    fieldError('up-email', null);
    fieldError('up-password', null);
    try {
      const problem = await auth.signUp(form.email.value.trim(), form.password.value, form.displayName.value.trim());
      if (problem) {
        const fields = new ApiError(problem.status ?? 0, problem).fieldErrors;
        if (fields.email) fieldError('up-email', t('signin.badEmail'));
        if (fields.password) fieldError('up-password', t('signin.badPassword'));
        notify('msg', 'error', problem.code === 'REQ002' ? t('signin.fixFields') : explain(problem));
        /** @type {HTMLElement | null} */ (document.querySelector('#form-up [aria-invalid="true"]'))?.focus();
        return;
      }
      location.href = returnUrl();
    } catch {
      notify('msg', 'error', t('error.NET'));
    }
  });
});

page({ active: 'signin' });
if (new URLSearchParams(location.search).get('mode') === 'signup') select(tabs[1], false);
if (auth.signedIn) notify('msg', 'info', t('signin.already', { name: auth.displayName }));
else if (returnUrl() !== '/') notify('msg', 'info', t('signin.toContinue'));
