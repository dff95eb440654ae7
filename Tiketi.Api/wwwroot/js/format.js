// Numbers, money, dates and durations in the visitor's language.
import { locale, t } from './i18n.js';

export function number(value) {
  return new Intl.NumberFormat(locale()).format(value ?? 0);
}

/** Money is an integer amount in the currency's minor units (KRW has none: 154000 is ₩154,000). */
export function money(amount, currency = 'KRW') {
  const format = new Intl.NumberFormat(locale(), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format((amount ?? 0) / 10 ** digits);
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full' }).format(new Date(iso));
}

/** "about 3 min", "less than a minute", "about 2 h 5 min". */
export function wait(seconds) {
  const s = Math.max(0, Math.round(seconds ?? 0));
  if (s < 60) return t('duration.underMinute');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('duration.minutes', { n: number(minutes) });
  return t('duration.hours', { h: number(Math.floor(minutes / 60)), m: number(minutes % 60) });
}

/** mm:ss for a countdown. */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** "Row C seat 12" from the seat id "C-12". */
export function seatName(seatId) {
  if (!seatId) return t('seat.standing');
  const cut = seatId.lastIndexOf('-');
  return t('seat.name', { row: seatId.slice(0, cut), seat: seatId.slice(cut + 1) });
}
