// @ts-check
// The seat page's state, apart from any drawing: every block's seats and their states (from snapshots
// and versioned deltas), the buyer's selection and own hold, counts per category. Methods return what
// changed; the view (seatmap.js) repaints exactly that. Seat marks come with the event: aisles (a gap
// after a seat), blocked seats (never for sale, snapshot digit '3'), and wheelchair spaces with their
// companion seats, which are selected, released and held only together.

/** @typedef {import('./types').EventDetail} EventDetail */
/** @typedef {import('./types').Block} BlockDef */
/** @typedef {import('./types').Counts} Counts */
/** @typedef {'available' | 'held' | 'sold' | 'blocked' | 'mine'} SeatStateName */

/** The snapshot digits: 0 available, 1 held, 2 sold, 3 not for sale (blocked). */
export const STATE = /** @type {const} */ (['available', 'held', 'sold', 'blocked']);

/**
 * @typedef {object} Seat
 * @property {number} index position in the block's row order (the digit's place in a snapshot)
 * @property {string} row row label
 * @property {number} number seat number in its row, from 1
 * @property {string} id "C-12"
 * @property {string} categoryId
 * @property {boolean} blocked never for sale (from the event's layout; a snapshot's '3' says the same)
 * @property {boolean} aisleAfter an aisle between this seat and the next one of its row
 * @property {'wheelchair' | 'companion' | null} mark
 * @property {number | null} partner the index of the other seat of a wheelchair pair, sold with this one
 */

/**
 * @typedef {object} BlockState
 * @property {string} id
 * @property {string} name
 * @property {BlockDef['kind']} kind
 * @property {BlockDef} def
 * @property {{ label: string, first: number, count: number }[]} rows
 * @property {Seat[]} seats
 * @property {Map<string, Seat>} byId
 * @property {Uint8Array} states 0 available, 1 held, 2 sold, 3 not for sale
 * @property {number} version -1 until the first snapshot
 * @property {Record<string, Counts>} counts per category
 */

export class SeatState {
  /** @param {EventDetail} event */
  constructor(event) {
    this.event = event;
    /** @type {{ blockId: string | null, seats: Set<number> }} */
    this.selected = { blockId: null, seats: new Set() };
    /** @type {Map<string, Set<string>>} blockId → seat ids held by this buyer */
    this.mine = new Map();
    /** @type {BlockState[]} */
    this.blocks = event.blocks.map(def => {
      /** @type {Seat[]} */
      const seats = [];
      const rows = def.rows.map(row => {
        const first = seats.length;
        const aisles = new Set(row.aislesAfter ?? []);
        const blocked = new Set(row.blocked ?? []);
        let n = 0;
        for (const run of row.runs) {
          for (let i = 0; i < run.count; i++) {
            n++;
            seats.push({
              index: seats.length, row: row.label, number: n, id: `${row.label}-${n}`, categoryId: run.categoryId,
              blocked: blocked.has(n), aisleAfter: aisles.has(n), mark: null, partner: null,
            });
          }
        }
        const count = seats.length - first;
        for (const pair of row.wheelchairs ?? []) {
          const space = seats[first + pair.seat - 1];
          const companion = seats[first + pair.companion - 1];
          if (!space || !companion || pair.seat > count || pair.companion > count || space === companion) continue;
          space.mark = 'wheelchair';
          space.partner = companion.index;
          companion.mark = 'companion';
          companion.partner = space.index;
        }
        return { label: row.label, first, count };
      });
      return {
        id: def.id, name: def.name, kind: def.kind, def, rows, seats,
        byId: new Map(seats.map(s => [s.id, s])),
        states: new Uint8Array(seats.length), version: -1, counts: {},
      };
    });
    /** @type {Map<string, BlockState>} */
    this.byId = new Map(this.blocks.map(b => [b.id, b]));
  }

  /** Block id → the version this page has: what WatchEvent is told after a reconnect. */
  versions() {
    return Object.fromEntries(this.blocks.filter(b => b.version >= 0).map(b => [b.id, b.version]));
  }

  /**
   * A whole block at a version; returns the seat indexes whose state changed, or null when it is older.
   * @param {import('./types').BlockSeats} snapshot
   */
  applySnapshot(snapshot) {
    const block = this.byId.get(snapshot.blockId);
    if (!block || snapshot.version < block.version) return null;
    const changed = [];
    for (let i = 0; i < block.seats.length && i < snapshot.seats.length; i++) {
      const next = snapshot.seats.charCodeAt(i) - 48;
      if (block.states[i] !== next) {
        block.states[i] = next;
        changed.push(i);
      }
    }
    block.version = snapshot.version;
    block.counts = snapshot.counts ?? {};
    return changed;
  }

  /**
   * The next delta: 'gap' when versions were missed (the caller catches up), 'old' when already seen.
   * @param {import('./types').SeatDelta} delta
   * @returns {{ result: 'applied' | 'gap' | 'old', changed: number[] }}
   */
  applyDelta(delta) {
    const block = this.byId.get(delta.blockId);
    if (!block || delta.version <= block.version) return { result: 'old', changed: [] };
    if (block.version >= 0 && delta.version !== block.version + 1) return { result: 'gap', changed: [] };
    const changed = [];
    for (const change of delta.seats) {
      if (change.seat < block.states.length) {
        block.states[change.seat] = change.state;
        changed.push(change.seat);
      }
    }
    block.version = delta.version;
    block.counts = delta.counts ?? block.counts;
    return { result: 'applied', changed };
  }

  /**
   * @param {BlockState} block
   * @param {Seat} seat
   * @returns {SeatStateName}
   */
  stateOf(block, seat) {
    if (seat.blocked) return 'blocked';
    const name = STATE[block.states[seat.index]] ?? 'available';
    // The buyer's own hold shows at once, before its delta arrives.
    if (name !== 'sold' && name !== 'blocked' && this.mine.get(block.id)?.has(seat.id)) return 'mine';
    return name;
  }

  /**
   * @param {BlockState} block
   * @param {Seat} seat
   */
  isSelected(block, seat) {
    return this.selected.blockId === block.id && this.selected.seats.has(seat.index);
  }

  /**
   * Units left now in a block, of one category or all.
   * @param {BlockState} block
   * @param {string} [categoryId]
   */
  available(block, categoryId) {
    if (categoryId) return block.counts[categoryId]?.available ?? 0;
    return Object.values(block.counts).reduce((sum, c) => sum + c.available, 0);
  }

  /** Counts per category over every block, live. */
  categoryCounts() {
    /** @type {Record<string, Counts>} */
    const byCategory = {};
    for (const block of this.blocks) {
      for (const [id, c] of Object.entries(block.counts)) {
        const sum = byCategory[id] ?? { available: 0, held: 0, sold: 0, accessibleAvailable: 0 };
        byCategory[id] = {
          available: sum.available + c.available, held: sum.held + c.held, sold: sum.sold + c.sold,
          accessibleAvailable: (sum.accessibleAvailable ?? 0) + (c.accessibleAvailable ?? 0),
        };
      }
    }
    return byCategory;
  }

  /** Whether every block has reported its counts. */
  get complete() { return this.blocks.every(b => b.version >= 0); }

  /**
   * The seats a tap on this one selects or releases: the seat, and its wheelchair partner if it has one.
   * @param {BlockState} block
   * @param {Seat} seat
   * @returns {Seat[]}
   */
  unitOf(block, seat) {
    const partner = seat.partner === null ? undefined : block.seats[seat.partner];
    return partner ? [seat, partner] : [seat];
  }

  /**
   * Adds or removes a seat from the selection (one block at a time, at most `limit` seats). A wheelchair
   * space and its companion seat go in and out together; the pair needs both seats free.
   * @param {BlockState} block
   * @param {Seat} seat
   * @param {number} limit
   * @returns {{ ok: true, movedBlock: boolean, seats: Seat[] } | { ok: false, reason: 'limit' | 'partner', seats: Seat[] }}
   */
  toggle(block, seat, limit) {
    const unit = this.unitOf(block, seat);
    const movedBlock = !!this.selected.blockId && this.selected.blockId !== block.id && this.selected.seats.size > 0;
    const seats = this.selected.blockId === block.id ? new Set(this.selected.seats) : new Set();
    if (seats.has(seat.index)) {
      for (const s of unit) seats.delete(s.index);
    } else {
      if (unit.some(s => this.stateOf(block, s) !== 'available')) return { ok: false, reason: 'partner', seats: unit };
      if (seats.size + unit.length > limit) return { ok: false, reason: 'limit', seats: unit };
      for (const s of unit) seats.add(s.index);
    }
    this.select(seats.size ? block.id : null, seats);
    return { ok: true, movedBlock, seats: unit };
  }

  /**
   * Replaces the selection; returns the seats whose look changed (block id, index).
   * @param {string | null} blockId
   * @param {Iterable<number>} seatIndexes
   */
  select(blockId, seatIndexes) {
    const old = this.selected;
    this.selected = { blockId, seats: new Set(seatIndexes) };
    return [
      ...[...old.seats].map(i => /** @type {[string | null, number]} */ ([old.blockId, i])),
      ...[...this.selected.seats].map(i => /** @type {[string | null, number]} */ ([blockId, i])),
    ];
  }

  /** The selected seats, in seat order. */
  selectedSeats() {
    const block = this.selected.blockId ? this.byId.get(this.selected.blockId) : undefined;
    return block ? [...this.selected.seats].sort((a, b) => a - b).map(i => block.seats[i]) : [];
  }

  /**
   * Drops selected seats that others took meanwhile (and the partner of a wheelchair seat that went,
   * as the two are sold together); returns the seats lost.
   */
  prune() {
    const block = this.selected.blockId ? this.byId.get(this.selected.blockId) : undefined;
    if (!block) return [];
    /** @param {number} i */
    const free = i => block.states[i] === 0 && !block.seats[i].blocked;
    /** @param {number} i */
    const keep = i => free(i) && (block.seats[i].partner === null || free(/** @type {number} */ (block.seats[i].partner)));
    const left = [...this.selected.seats].filter(keep);
    if (left.length === this.selected.seats.size) return [];
    const lost = [...this.selected.seats].filter(i => !free(i));
    this.select(left.length ? block.id : null, left);
    return lost.map(i => block.seats[i]);
  }

  /**
   * The buyer's own hold; returns the seats whose look changed.
   * @param {string | null} blockId
   * @param {string[]} seatIds
   */
  setMine(blockId, seatIds) {
    const before = [...this.mine.entries()];
    this.mine = new Map(blockId ? [[blockId, new Set(seatIds)]] : []);
    /** @type {[string, number][]} */
    const changed = [];
    for (const [id, set] of [...before, ...this.mine.entries()]) {
      const block = this.byId.get(id);
      for (const seatId of set) {
        const seat = block?.byId.get(seatId);
        if (seat) changed.push([id, seat.index]);
      }
    }
    return changed;
  }
}
