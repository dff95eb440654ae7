// @ts-check
// Numbers, money, dates and durations in the visitor's language. Show and sale times are shown on the
// venue's clock (the event's IANA time zone) with the weekday and the zone's label, whatever zone the
// visitor's device is in: "2027년 1월 3일 (일) 오후 7:00 KST", "Sun, Jan 3, 2027, 7:00 PM KST".
import { locale, t } from './i18n.js';

export const DEFAULT_ZONE = 'Asia/Seoul';

/** @param {number | null | undefined} value */
export function number(value) {
  return new Intl.NumberFormat(locale()).format(value ?? 0);
}

/**
 * Money is an integer amount in the currency's minor units (KRW has none: 154000 is ₩154,000).
 * @param {number | null | undefined} amount
 * @param {string} [currency]
 */
export function money(amount, currency = 'KRW') {
  const format = new Intl.NumberFormat(locale(), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format((amount ?? 0) / 10 ** digits);
}

/** The minor units of a currency: 0 for KRW and JPY, 2 for USD. */
/** @param {string} currency */
export function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Labels people know for zones without summer time; Intl's own short names are only good for a few
 * (it calls Seoul "GMT+9"). Others get Intl's short name for the date, which knows summer time.
 * @type {Record<string, string>}
 */
const ZONE_LABELS = {
  'Asia/Seoul': 'KST', 'Asia/Tokyo': 'JST', 'Asia/Hong_Kong': 'HKT', 'Asia/Singapore': 'SGT', 'Asia/Manila': 'PHT',
  'Asia/Jakarta': 'WIB', 'Asia/Bangkok': 'ICT', 'Asia/Kolkata': 'IST', 'Etc/UTC': 'UTC', UTC: 'UTC',
};

/**
 * The zone's label at that moment: KST, JST, EST or EDT, or "GMT+8" where there is no common one.
 * @param {string} zone
 * @param {Date} [at]
 */
export function zoneLabel(zone, at = new Date()) {
  if (ZONE_LABELS[zone]) return ZONE_LABELS[zone];
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find(p => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}

/**
 * A moment on the venue's clock with weekday and zone label.
 * @param {string | null | undefined} iso
 * @param {string} [zone] the event's IANA time zone
 */
export function dateTime(iso, zone = DEFAULT_ZONE) {
  if (!iso) return '';
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(locale(), {
    year: 'numeric', month: 'short', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone,
  }).format(at);
  return `${text} ${zoneLabel(zone, at)}`;
}

/**
 * The day of a moment on the venue's clock.
 * @param {string | null | undefined} iso
 * @param {string} [zone]
 */
export function date(iso, zone = DEFAULT_ZONE) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: zone }).format(new Date(iso));
}

/**
 * The wall-clock fields of a moment in a zone.
 * @param {Date} at
 * @param {string} zone
 */
function fieldsIn(at, zone) {
  /** @type {Record<string, number>} */
  const parts = {};
  for (const p of new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

/**
 * A datetime-local value ("2027-01-03T19:00") read on the given zone's clock, as an ISO instant.
 * Admin forms use it so an operator in any zone types the venue's local time.
 * @param {string} value
 * @param {string} zone
 * @returns {string | null}
 */
export function zonedToIso(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Guess the instant, see what the zone's clock says then, correct by the difference (twice, for DST edges).
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const f = fieldsIn(new Date(guess), zone);
    const shown = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

/**
 * The datetime-local value of a moment on the zone's clock.
 * @param {Date} at
 * @param {string} zone
 */
export function isoToZoned(at, zone) {
  const f = fieldsIn(at, zone);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/**
 * "about 3 min", "less than a minute", "about 2 h 5 min".
 * @param {number | null | undefined} seconds
 */
export function wait(seconds) {
  const s = Math.max(0, Math.round(seconds ?? 0));
  if (s < 60) return t('duration.underMinute');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('duration.minutes', { n: number(minutes) });
  return t('duration.hours', { h: number(Math.floor(minutes / 60)), m: number(minutes % 60) });
}

/**
 * mm:ss for a countdown.
 * @param {number} seconds
 */
export function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The row label and seat number of a seat id: "C-12" is row "C", seat 12 (row labels never hold '-').
 * @param {string} seatId
 * @returns {{ row: string, number: number }}
 */
export function splitSeatId(seatId) {
  const cut = seatId.lastIndexOf('-');
  return { row: seatId.slice(0, cut), number: Number(seatId.slice(cut + 1)) };
}

/**
 * "Row C seat 12" from the seat id "C-12".
 * @param {string | null | undefined} seatId
 */
export function seatName(seatId) {
  if (!seatId) return t('seat.standing');
  const { row, number } = splitSeatId(seatId);
  return t('seat.name', { row, seat: number });
}
