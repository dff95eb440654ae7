// Event details, fetched once per tab: titles on the orders pages cost no extra requests.
import { api } from './api.js';

const PREFIX = 'tiketi.event.';

export function remember(event) {
  try {
    sessionStorage.setItem(PREFIX + event.eventId, JSON.stringify({
      eventId: event.eventId, title: event.title, artist: event.artist, venue: event.venue,
      startsAt: event.startsAt, categories: event.categories,
      blocks: event.blocks?.map(b => ({ id: b.id, name: b.name, kind: b.kind })),
    }));
  } catch { /* cache only */ }
}

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

/** The queue pass of an event, while it is valid. */
export function passOf(eventId) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(`tiketi.pass.${eventId}`) ?? 'null');
    if (saved?.pass && Date.parse(saved.expiresAt) > Date.now()) return saved.pass;
  } catch { /* none */ }
  return null;
}

export function savePass(eventId, pass, expiresAt) {
  try { sessionStorage.setItem(`tiketi.pass.${eventId}`, JSON.stringify({ pass, expiresAt })); } catch { /* memory only */ }
}

export function forgetPass(eventId) {
  try { sessionStorage.removeItem(`tiketi.pass.${eventId}`); } catch { /* ignore */ }
}
