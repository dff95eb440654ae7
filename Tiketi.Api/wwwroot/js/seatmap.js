// @ts-check
// The seat map's drawing: a venue overview (sections placed around the stage, each with its seats
// left), and for the section tapped, its rows of seats with row letters that stay in view and seat
// numbers on the seats. It reads the state (seat-state.js) and repaints what it is told changed.
// Every seat is a button a screen reader names ("Row C seat 12, R, available"); arrow keys move
// between seats, Tab between sections. An aisle is a gap after a seat (numbers carry on across it);
// blocked seats are drawn as not for sale; wheelchair spaces and companion seats carry a symbol and
// say so in their names.
import { el } from './layout.js';
import { t } from './i18n.js';
import { number } from './format.js';

/** @typedef {import('./seat-state.js').SeatState} SeatState */
/** @typedef {import('./seat-state.js').BlockState} BlockState */
/** @typedef {import('./seat-state.js').Seat} Seat */
/** @typedef {import('./types').VenueArea} VenueArea */

const PALETTE = ['#7c3aed', '#dc2626', '#2563eb', '#0f7b3f', '#c2410c', '#0e7490', '#be185d', '#4d7c0f', '#4338ca', '#a16207'];

/** Seat sizes in CSS pixels the zoom buttons step through; 24 is the smallest a finger should hit. */
export const SEAT_SIZES = [24, 30, 38, 48];

/** @type {VenueArea[]} */
const AREAS = ['frontLeft', 'floor', 'frontRight', 'left', 'right', 'backLeft', 'back', 'backRight'];

/** @param {{ id: string }[]} categories */
export function categoryColors(categories) {
  return new Map(categories.map((c, i) => [c.id, PALETTE[i % PALETTE.length]]));
}

/**
 * A coloured square for legends and tables (decorative: the text next to it says the same).
 * @param {string | undefined} color
 */
export function swatch(color) {
  const box = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  box.style.setProperty('background', color ?? '#6b7280');
  return box;
}

/**
 * Where a block goes on the overview: the operator's placement, else standing areas on the floor and
 * seated sections in a row at the back, in the event's order.
 * @param {import('./types').Block} block
 * @param {number} index
 * @returns {{ area: VenueArea, order: number }}
 */
export function placementOf(block, index) {
  if (block.position) return block.position;
  return { area: block.kind === 'generalAdmission' ? 'floor' : 'back', order: index };
}

export class VenueMap {
  /**
   * @param {SeatState} state
   * @param {{ onToggle?: (block: BlockState, seat: Seat) => void, onFocus?: (block: BlockState) => void }} [options]
   */
  constructor(state, { onToggle, onFocus } = {}) {
    this.state = state;
    this.onToggle = onToggle;
    this.onFocus = onFocus;
    this.colors = categoryColors(state.event.categories);
    this.categoryNames = new Map(state.event.categories.map(c => [c.id, c.name]));
    /** @type {Map<string, { section: HTMLElement, tile: HTMLButtonElement, tileCount: HTMLElement, summary: HTMLElement, seatEls: HTMLButtonElement[], focus: number, gaMeters: { categoryId: string, bar: HTMLElement, text: HTMLElement }[] }>} */
    this.views = new Map();
    /** @type {string | null} */
    this.focused = null;
    this.zoom = 1;
    /** @type {HTMLElement | null} */
    this.container = null;
  }

  // ---------- building ----------

  /**
   * Builds the overview into `overview` and every block into `blocks` (only the focused one shows).
   * @param {HTMLElement} overview
   * @param {HTMLElement} blocks
   */
  render(overview, blocks) {
    this.container = blocks;
    const byArea = new Map(AREAS.map(a => [a, /** @type {BlockState[]} */ ([])]));
    const placed = this.state.blocks.map((b, i) => ({ block: b, at: placementOf(b.def, i) }));
    placed.sort((a, b) => a.at.order - b.at.order);
    for (const { block, at } of placed) (byArea.get(at.area) ?? byArea.get('back'))?.push(block);

    blocks.replaceChildren(...this.state.blocks.map(block => (block.kind === 'generalAdmission' ? this.renderArea(block) : this.renderBlock(block))));
    overview.replaceChildren(
      el('div', { class: 'venue-stage', 'aria-hidden': 'true', text: t('map.stage') }),
      ...AREAS.filter(a => byArea.get(a)?.length).map(area => el('div', { class: `venue-area area-${area}` },
        (byArea.get(area) ?? []).map(block => /** @type {NonNullable<ReturnType<VenueMap['views']['get']>>} */ (this.views.get(block.id)).tile))));
    blocks.style.setProperty('--seat', `${SEAT_SIZES[this.zoom]}px`);
    for (const block of this.state.blocks) this.paintSummary(block);
    this.setZoom(this.zoom);
    if (this.state.blocks.length === 1) this.focus(this.state.blocks[0].id, false);
  }

  /** @param {BlockState} block */
  tile(block) {
    const tileCount = el('span', { class: 'tile-count' });
    const tile = el('button', {
      type: 'button', class: 'section-tile', 'aria-pressed': 'false',
      dataset: { section: block.id }, onclick: () => this.focus(block.id, true),
    }, el('span', { class: 'tile-name', text: block.name }), tileCount);
    return { tile, tileCount };
  }

  /** @param {BlockState} block */
  renderArea(block) {
    const headingId = `block-${block.id}`;
    const summary = el('span', { class: 'muted' });
    const gaMeters = block.def.areas.map(area => {
      const bar = el('span');
      bar.style.setProperty('background', this.colors.get(area.categoryId) ?? '#6b7280');
      return { categoryId: area.categoryId, bar, text: el('span', { class: 'small' }) };
    });
    const section = el('section', { class: 'block ga-area', id: `section-${block.id}`, 'aria-labelledby': headingId, hidden: true },
      this.sectionHeading(block, headingId, summary),
      el('p', { class: 'small muted', text: t('map.standingHint') }),
      gaMeters.map(m => el('div', {},
        el('div', { class: 'small' }, swatch(this.colors.get(m.categoryId)), this.categoryNames.get(m.categoryId) ?? m.categoryId),
        el('div', { class: 'ga-meter', 'aria-hidden': 'true' }, m.bar), m.text)));
    this.views.set(block.id, { section, ...this.tile(block), summary, seatEls: [], focus: 0, gaMeters });
    return section;
  }

  /**
   * @param {BlockState} block
   * @param {string} headingId
   * @param {HTMLElement} summary
   */
  sectionHeading(block, headingId, summary) {
    return el('div', { class: 'section-head' },
      el('h3', { id: headingId, tabindex: '-1' }, block.name, ' ', summary),
      el('div', { class: 'zoom', role: 'group', 'aria-label': t('map.zoom') },
        el('button', { type: 'button', class: 'btn secondary small zoom-out', onclick: () => this.setZoom(this.zoom - 1) },
          el('span', { 'aria-hidden': 'true', text: '−' }), el('span', { class: 'visually-hidden', text: t('map.zoomOut') })),
        el('button', { type: 'button', class: 'btn secondary small zoom-in', onclick: () => this.setZoom(this.zoom + 1) },
          el('span', { 'aria-hidden': 'true', text: '+' }), el('span', { class: 'visually-hidden', text: t('map.zoomIn') })),
        this.state.blocks.length > 1
          ? el('button', { type: 'button', class: 'btn secondary small', text: t('map.allSections'), onclick: () => this.focus(null, true) })
          : null));
  }

  /** @param {BlockState} block */
  renderBlock(block) {
    const headingId = `block-${block.id}`;
    const summary = el('span', { class: 'muted' });
    /** @type {HTMLButtonElement[]} */
    const seatEls = [];
    const rows = block.rows.map(row => {
      const seats = block.seats.slice(row.first, row.first + row.count).map(seat => {
        // The number is drawn by CSS (::before, from data-no): the accessible name says "Row C seat 12, ...".
        const button = el('button', {
          type: 'button', class: seat.aisleAfter ? 'seat aisle-after' : 'seat', tabindex: '-1',
          dataset: { block: block.id, seat: String(seat.index), id: seat.id, no: String(seat.number), ...(seat.mark ? { mark: seat.mark } : {}) },
        });
        button.style.setProperty('--cat', this.colors.get(seat.categoryId) ?? '#6b7280');
        seatEls[seat.index] = button;
        return button;
      });
      return el('div', { class: 'seat-row', role: 'group', 'aria-label': t('map.row', { row: row.label }) },
        el('span', { class: 'row-label', 'aria-hidden': 'true', text: row.label }), seats);
    });
    const first = block.seats.findIndex(seat => this.state.stateOf(block, seat) === 'available');
    const focus = first >= 0 ? first : 0;
    if (seatEls[focus]) seatEls[focus].tabIndex = 0;

    const scroller = el('div', { class: 'block-scroll' }, rows);
    scroller.addEventListener('click', event => this.onClick(event));
    scroller.addEventListener('keydown', event => this.onKey(block, event));
    scroller.addEventListener('focusin', event => this.onFocusIn(block, event));
    const section = el('section', { class: 'block', id: `section-${block.id}`, 'aria-labelledby': headingId, 'aria-describedby': 'map-help', hidden: true },
      this.sectionHeading(block, headingId, summary), scroller);
    this.views.set(block.id, { section, ...this.tile(block), summary, seatEls, focus, gaMeters: [] });
    for (const seat of block.seats) this.paint(block, seat.index, false);
    return section;
  }

  // ---------- zoom and focus ----------

  /**
   * Shows one section's seats (or none: the overview alone).
   * @param {string | null} blockId
   * @param {boolean} moveFocus
   */
  focus(blockId, moveFocus) {
    this.focused = blockId;
    for (const [id, view] of this.views) {
      view.section.hidden = id !== blockId;
      view.tile.setAttribute('aria-pressed', String(id === blockId));
    }
    this.container?.classList.toggle('has-focus', !!blockId);
    const view = blockId ? this.views.get(blockId) : null;
    if (view && moveFocus) {
      view.section.scrollIntoView({ block: 'start', behavior: 'instant' });
      /** @type {HTMLElement | null} */ (view.section.querySelector('h3'))?.focus({ preventScroll: true });
    } else if (!blockId && moveFocus) {
      this.views.values().next().value?.tile.focus();
    }
    const block = blockId ? this.state.byId.get(blockId) : undefined;
    if (block) this.onFocus?.(block);
  }

  /** @param {number} level */
  setZoom(level) {
    this.zoom = Math.max(0, Math.min(SEAT_SIZES.length - 1, level));
    this.container?.style.setProperty('--seat', `${SEAT_SIZES[this.zoom]}px`);
    this.container?.classList.toggle('zoom-min', this.zoom === 0);
    for (const view of this.views.values()) {
      view.section.querySelectorAll('.zoom-out').forEach(b => { /** @type {HTMLButtonElement} */ (b).disabled = this.zoom === 0; });
      view.section.querySelectorAll('.zoom-in').forEach(b => { /** @type {HTMLButtonElement} */ (b).disabled = this.zoom === SEAT_SIZES.length - 1; });
    }
  }

  // ---------- painting ----------

  /**
   * @param {BlockState} block
   * @param {Seat} seat
   */
  label(block, seat) {
    const partner = seat.partner === null ? undefined : block.seats[seat.partner];
    return t(seat.mark ? 'seat.labelMark' : 'seat.label', {
      row: seat.row, seat: seat.number,
      category: this.categoryNames.get(seat.categoryId) ?? seat.categoryId,
      state: t(`seat.state.${this.state.isSelected(block, seat) ? 'selected' : this.state.stateOf(block, seat)}`),
      mark: seat.mark ? t(`seat.mark.${seat.mark}`, { other: partner?.number }) : '',
    });
  }

  /**
   * Repaints one seat; `flash` marks a change made by someone else.
   * @param {BlockState | undefined} block
   * @param {number} index
   * @param {boolean} flash
   */
  paint(block, index, flash) {
    const seat = block?.seats[index];
    const button = block ? this.views.get(block.id)?.seatEls[index] : undefined;
    if (!block || !seat || !button) return;
    const state = this.state.stateOf(block, seat);
    button.dataset.state = state;
    button.setAttribute('aria-label', this.label(block, seat));
    if (state === 'available') {
      button.setAttribute('aria-pressed', String(this.state.isSelected(block, seat)));
      button.removeAttribute('aria-disabled');
    } else {
      button.removeAttribute('aria-pressed');
      button.setAttribute('aria-disabled', 'true');
    }
    if (flash) {
      button.classList.remove('flash');
      void button.offsetWidth; // restart the animation
      button.classList.add('flash');
    }
  }

  /** @param {[string | null, number][]} seats */
  paintAll(seats) {
    for (const [blockId, index] of seats) this.paint(blockId ? this.state.byId.get(blockId) : undefined, index, false);
  }

  /**
   * The seats left in a block, on its tile (coloured by how full it is) and its heading.
   * @param {BlockState} block
   */
  paintSummary(block) {
    const view = this.views.get(block.id);
    if (!view) return;
    const left = this.state.available(block);
    const total = Object.values(block.counts).reduce((n, c) => n + c.available + c.held + c.sold, 0) || 1;
    const text = block.version < 0 ? '' : left > 0 ? t('map.availableCount', { n: number(left) }) : t('event.soldOut');
    view.summary.textContent = text;
    view.tileCount.textContent = text;
    view.tile.dataset.fill = block.version < 0 ? '' : left === 0 ? 'none' : left / total < 0.2 ? 'few' : left / total < 0.6 ? 'some' : 'many';
    for (const meter of view.gaMeters) {
      const counts = block.counts[meter.categoryId] ?? { available: 0, held: 0, sold: 0 };
      const all = counts.available + counts.held + counts.sold || 1;
      meter.bar.style.setProperty('width', `${Math.round(100 * counts.available / all)}%`);
      meter.text.textContent = t('map.placesLeft', { n: number(counts.available), total: number(all) });
    }
  }

  relabel() {
    for (const block of this.state.blocks) {
      for (const seat of block.seats) this.paint(block, seat.index, false);
      this.paintSummary(block);
    }
  }

  // ---------- input ----------

  /** @param {MouseEvent} event */
  onClick(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button.seat'));
    if (!button) return;
    const block = this.state.byId.get(button.dataset.block ?? '');
    const seat = block?.seats[Number(button.dataset.seat)];
    if (!block || !seat || this.state.stateOf(block, seat) !== 'available') return;
    this.onToggle?.(block, seat);
  }

  /**
   * @param {BlockState} block
   * @param {FocusEvent} event
   */
  onFocusIn(block, event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button.seat'));
    const view = this.views.get(block.id);
    if (!button || !view) return;
    const index = Number(button.dataset.seat);
    if (index !== view.focus) {
      view.seatEls[view.focus].tabIndex = -1;
      view.focus = index;
      button.tabIndex = 0;
    }
  }

  /**
   * @param {BlockState} block
   * @param {KeyboardEvent} event
   */
  onKey(block, event) {
    const view = this.views.get(block.id);
    const current = view ? block.seats[view.focus] : undefined;
    if (!view || !current) return;
    const rowIndex = block.rows.findIndex(r => current.index >= r.first && current.index < r.first + r.count);
    const row = block.rows[rowIndex];
    let target = null;
    switch (event.key) {
      case 'ArrowLeft': target = Math.max(row.first, current.index - 1); break;
      case 'ArrowRight': target = Math.min(row.first + row.count - 1, current.index + 1); break;
      case 'Home': target = row.first; break;
      case 'End': target = row.first + row.count - 1; break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const next = block.rows[rowIndex + (event.key === 'ArrowUp' ? -1 : 1)];
        target = next ? next.first + Math.min(current.index - row.first, next.count - 1) : current.index;
        break;
      }
      default: return;
    }
    event.preventDefault();
    view.seatEls[target].focus();
  }
}
