// The API's JSON shapes as the pages use them (camelCase, as Tiketi.Api sends them). Type-checking only:
// the browser never loads this file.

export type EventStatus = 'draft' | 'onSale' | 'closed' | 'cancelled';
export type VenueArea = 'floor' | 'frontLeft' | 'frontRight' | 'left' | 'right' | 'backLeft' | 'back' | 'backRight';

/** accessibleAvailable: of the available, wheelchair spaces and companion seats (sold as pairs, chosen on the map). */
export interface Counts { available: number; held: number; sold: number; accessibleAvailable?: number }
export interface Category { id: string; name: string; price: number; currency: string }
export interface SeatRun { count: number; categoryId: string }
/** A wheelchair space and its companion seat (seat numbers in the row): sold only together. */
export interface WheelchairPair { seat: number; companion: number }
/** Seat marks are seat numbers in the row, from 1: an aisle after a seat, seats never for sale, wheelchair pairs. */
export interface Row { label: string; runs: SeatRun[]; aislesAfter?: number[]; blocked?: number[]; wheelchairs?: WheelchairPair[] }
export interface Area { categoryId: string; capacity: number }
export interface Block {
  id: string; name: string; kind: 'reserved' | 'generalAdmission';
  rows: Row[]; areas: Area[]; position?: { area: VenueArea; order: number } | null;
}

export interface EventListItem {
  eventId: string; title: string; artist: string; venue: string;
  startsAt: string; saleOpensAt: string; status: EventStatus; timeZone: string; soldOut: boolean;
}

export interface EventDetail {
  eventId: string; title: string; artist: string; venue: string;
  startsAt: string; saleOpensAt: string; saleClosesAt: string; status: EventStatus;
  perBuyerLimit: number; holdSeconds: number; queueEnabled: boolean;
  categories: Category[]; blocks: Block[];
  availability?: Counts | null; availabilityByCategory?: Record<string, Counts> | null;
  queueMode?: 'fifo' | 'lottery'; preQueueOpensAt?: string | null;
  timeZone: string; soldOut: boolean; currency: string;
  description?: string | null; posterUrl?: string | null; ageRating?: string | null; runningMinutes?: number | null;
}

export interface OrderLine { seatId: string | null; categoryId: string; quantity: number; unitPrice: number }
export interface Ticket { ticketId: string; seatId: string | null; categoryId: string; code: string }
export interface Order {
  orderId: string; eventId: string; blockId: string;
  status: 'held' | 'paid' | 'released' | 'expired' | 'refunded' | 'cancelled' | string;
  lines: OrderLine[]; total: { amount: number; currency: string };
  holdExpiresAt: string; paidAt?: string | null; createdAt: string; tickets: Ticket[];
  eventStartsAt?: string | null; refundableUntil?: string | null;
}
export interface AdminOrder { buyerId: string; buyerEmail?: string | null; order: Order }

export interface BlockSeats { blockId: string; version: number; seats: string; counts: Record<string, Counts> }
export interface SeatSnapshot extends BlockSeats { eventId: string }
export interface SeatDelta { eventId: string; blockId: string; version: number; seats: { seat: number; state: number }[]; counts: Record<string, Counts> }
export interface QueueProgress { eventId: string; admittedUpTo: number; waiting: number; soldOut: boolean; admissionsPerSecond: number }
export interface BuyerNotice { orderId: string; kind: string; at: string; holdExpiresAt?: string | null }

export interface SaleFigures {
  eventId: string; status: EventStatus; total: Counts;
  byCategory: Record<string, Counts>; byBlock: Record<string, Counts>;
  queueWaiting: number; activeShoppers: number; admittedTotal: number; admissionsPerSecond: number;
  maxActiveShoppers: number; soldOut: boolean; silenceSeconds: number; estimatedWaitSeconds?: number | null;
}

declare global {
  interface Window { signalR?: any; axe?: unknown }
}
