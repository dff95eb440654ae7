// @ts-check
// Event details, fetched once per tab: titles on the orders pages cost no extra requests.
import { api } from './api.js';

/**
 * @typedef {object} EventSummary
 * @property {string} eventId
 * @property {string} [title]
 * @property {string} [artist]
 * @property {string} [venue]
 * @property {string} [startsAt]
 * @property {string} [timeZone]
 * @property {{ id: string, name: string, price?: number, currency?: string }[]} [categories]
 * @property {{ id: string, name: string, kind?: string }[]} [blocks]
 */

const PREFIX = 'tiketi.event.';

/** @param {import('./types').EventDetail} event */
export function remember(event) {
  try {
    sessionStorage.setItem(PREFIX + event.eventId, JSON.stringify({
      eventId: event.eventId, title: event.title, artist: event.artist, venue: event.venue,
      startsAt: event.startsAt, timeZone: event.timeZone, categories: event.categories,
      blocks: event.blocks?.map(b => ({ id: b.id, name: b.name, kind: b.kind })),
    }));
  } catch { /* cache only */ }
}

/**
 * @param {string} eventId
 * @returns {Promise<EventSummary>}
 */
export async function eventSummary(eventId) {
  try {
    const saved = sessionStorage.getItem(PREFIX + eventId);
    if (saved) return JSON.parse(saved);
  } catch { /* fetch instead */ }
  try {
    const event = await api(`/api/events/${encodeURIComponent(eventId)}`);
    remember(event);
    return event;
  } catch {
    return { eventId, title: eventId, categories: [], blocks: [] };
  }
}

/**
 * The queue pass of an event, while it is valid.
 * @param {string} eventId
 */
export function passOf(eventId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(`tiketi.pass.${eventId}`) ?? 'null');
    if (saved?.pass && Date.parse(saved.expiresAt) > Date.now()) return saved.pass;
  } catch { /* none */ }
  return null;
}

/**
 * @param {string} eventId
 * @param {string} pass
 * @param {string} expiresAt
 */
export function savePass(eventId, pass, expiresAt) {
  try { sessionStorage.setItem(`tiketi.pass.${eventId}`, JSON.stringify({ pass, expiresAt })); } catch { /* memory only */ }
}

/** @param {string} eventId */
export function forgetPass(eventId) {
  try { sessionStorage.removeItem(`tiketi.pass.${eventId}`); } catch { /* ignore */ }
}
