// @ts-check
// What the operator pages share: the admin check and the Orleans Dashboard's sign-in cookie.
import { api, ApiError } from './api.js';
import { auth } from './auth.js';
import { notify, requireSignIn } from './layout.js';
import { t, errorText } from './i18n.js';

/** True for admins; sends others to sign in, or tells them this is for operators. */
export function requireAdmin() {
  if (!requireSignIn()) return false;
  if (auth.isAdmin) return true;
  notify('msg', 'error', errorText('AUTH003'));
  document.querySelectorAll('main > :not(#msg)').forEach(node => { /** @type {HTMLElement} */ (node).hidden = true; });
  return false;
}

/** The dashboard is served to admins with a cookie, which this trades the bearer token for. */
export async function openDashboard() {
  try {
    await api('/api/auth/dashboard-session', { method: 'POST' });
    window.open('/dashboard', '_blank', 'noopener');
  } catch (error) {
    notify('msg', 'error', error instanceof ApiError ? error.friendly : t('error.generic'));
  }
}
