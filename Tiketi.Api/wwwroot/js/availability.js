// @ts-check
// One sold-out truth for the home card, the event page and the seat page: the server's soldOut (nothing
// available and nothing held, the rule the queue uses too), and per category, none available now.
import { t } from './i18n.js';

/** @typedef {import('./types').EventDetail} EventDetail */
/** @typedef {import('./types').EventListItem} EventListItem */

/**
 * What the three pages say about an event's seats: sold out, or nothing free right now (held seats may
 * come back), or on sale.
 * @param {EventDetail | EventListItem} event
 * @returns {'soldOut' | 'allHeld' | 'available'}
 */
export function saleAvailability(event) {
  if (event.soldOut) return 'soldOut';
  const counts = 'availability' in event ? event.availability : null;
  if (counts && counts.available === 0 && counts.held > 0) return 'allHeld';
  return 'available';
}

/**
 * The words for it, the same on every page.
 * @param {EventDetail | EventListItem} event
 */
export function availabilityText(event) {
  const state = saleAvailability(event);
  return state === 'soldOut' ? t('event.soldOut') : state === 'allHeld' ? t('event.allHeld') : null;
}

/**
 * Available seats best available and the waitlist deal in: wheelchair spaces and their companion seats
 * are left out (they are sold as pairs, chosen on the map), as the server does.
 * @param {import('./types').Counts | null | undefined} counts
 * @returns {number | null} null when the category has not been counted yet
 */
export function openAvailable(counts) {
  return counts ? counts.available - (counts.accessibleAvailable ?? 0) : null;
}

/**
 * Whether a category has nothing left to buy now: not offered for best available, offered the waitlist.
 * @param {EventDetail} event
 * @param {string} categoryId
 */
export function categorySoldOut(event, categoryId) {
  return openAvailable(event.availabilityByCategory?.[categoryId]) === 0;
}
