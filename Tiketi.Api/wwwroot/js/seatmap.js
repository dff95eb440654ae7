// The seat map: blocks and seats drawn from the event's layout, kept current from snapshots and
// versioned deltas. Every seat is a button with a name a screen reader can read
// ("Row C seat 12, R, available"); arrow keys move between seats, Tab between blocks.
import { el } from './layout.js';
import { t } from './i18n.js';
import { number } from './format.js';

export const STATE = ['available', 'held', 'sold'];
const PALETTE = ['#7c3aed', '#dc2626', '#2563eb', '#0f7b3f', '#c2410c', '#0e7490', '#be185d', '#4d7c0f', '#4338ca', '#a16207'];

export function categoryColors(categories) {
  return new Map(categories.map((c, i) => [c.id, PALETTE[i % PALETTE.length]]));
}

/** A coloured square for legends and tables (decorative: the text next to it says the same). */
export function swatch(color) {
  const box = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  box.style.setProperty('background', color);
  return box;
}

export class SeatMap {
  /**
   * @param event the event detail from GET /api/events/{id}
   * @param options onToggle(block, seatIndex) when a buyer presses an available seat
   */
  constructor(event, { onToggle } = {}) {
    this.event = event;
    this.onToggle = onToggle;
    this.colors = categoryColors(event.categories);
    this.categoryNames = new Map(event.categories.map(c => [c.id, c.name]));
    this.selected = { blockId: null, seats: new Set() };
    this.mine = new Map(); // blockId → Set of seat ids held by this buyer
    this.blocks = event.blocks.map(def => {
      const seats = [];
      const rows = def.rows.map(row => {
        const first = seats.length;
        let n = 0;
        for (const run of row.runs) {
          for (let i = 0; i < run.count; i++) {
            n++;
            seats.push({ index: seats.length, row: row.label, number: n, id: `${row.label}-${n}`, categoryId: run.categoryId, el: null });
          }
        }
        return { label: row.label, first, count: seats.length - first };
      });
      return {
        id: def.id, name: def.name, kind: def.kind, def, rows, seats,
        byId: new Map(seats.map(s => [s.id, s])),
        states: new Uint8Array(seats.length), version: -1, counts: {}, focus: 0,
        heading: null, summary: null, gaMeters: [],
      };
    });
    this.byId = new Map(this.blocks.map(b => [b.id, b]));
  }

  /** Block id → the version this page has: what WatchEvent is told after a reconnect. */
  versions() {
    return Object.fromEntries(this.blocks.filter(b => b.version >= 0).map(b => [b.id, b.version]));
  }

  applySnapshot(snapshot) {
    const block = this.byId.get(snapshot.blockId);
    if (!block || snapshot.version < block.version) return false;
    for (let i = 0; i < block.seats.length && i < snapshot.seats.length; i++) {
      const next = snapshot.seats.charCodeAt(i) - 48;
      if (block.states[i] !== next) {
        block.states[i] = next;
        this.paint(block, i, block.version >= 0);
      }
    }
    block.version = snapshot.version;
    block.counts = snapshot.counts ?? {};
    this.paintSummary(block);
    return true;
  }

  /** Applies the next delta; returns 'gap' when versions were missed (the caller catches up). */
  applyDelta(delta) {
    const block = this.byId.get(delta.blockId);
    if (!block || delta.version <= block.version) return 'old';
    if (block.version >= 0 && delta.version !== block.version + 1) return 'gap';
    for (const change of delta.seats) {
      if (change.seat < block.states.length) {
        block.states[change.seat] = change.state;
        this.paint(block, change.seat, true);
      }
    }
    block.version = delta.version;
    block.counts = delta.counts ?? block.counts;
    this.paintSummary(block);
    return 'applied';
  }

  stateOf(block, seat) {
    const name = STATE[block.states[seat.index]] ?? 'available';
    // The buyer's own hold shows at once, before its delta arrives.
    if (name !== 'sold' && this.mine.get(block.id)?.has(seat.id)) return 'mine';
    return name;
  }

  available(block, categoryId) {
    if (categoryId) return block.counts[categoryId]?.available ?? 0;
    return Object.values(block.counts).reduce((sum, c) => sum + c.available, 0);
  }

  setMine(blockId, seatIds) {
    const before = [...this.mine.entries()];
    this.mine = new Map(blockId ? [[blockId, new Set(seatIds)]] : []);
    for (const [id, set] of [...before, ...this.mine.entries()]) {
      const block = this.byId.get(id);
      for (const seatId of set) {
        const seat = block?.byId.get(seatId);
        if (seat) this.paint(block, seat.index, false);
      }
    }
  }

  setSelection(blockId, seatIndexes) {
    const old = this.selected;
    this.selected = { blockId, seats: new Set(seatIndexes) };
    for (const index of old.seats) this.paint(this.byId.get(old.blockId), index, false);
    for (const index of this.selected.seats) this.paint(this.byId.get(blockId), index, false);
  }

  label(block, seat) {
    return t('seat.label', {
      row: seat.row, seat: seat.number,
      category: this.categoryNames.get(seat.categoryId) ?? seat.categoryId,
      state: t(`seat.state.${this.isSelected(block, seat) ? 'selected' : this.stateOf(block, seat)}`),
    });
  }

  isSelected(block, seat) {
    return this.selected.blockId === block.id && this.selected.seats.has(seat.index);
  }

  paint(block, index, flash) {
    const seat = block?.seats[index];
    if (!seat?.el) return;
    const state = this.stateOf(block, seat);
    const button = seat.el;
    button.dataset.state = state;
    button.setAttribute('aria-label', this.label(block, seat));
    if (state === 'available') {
      button.setAttribute('aria-pressed', String(this.isSelected(block, seat)));
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

  paintSummary(block) {
    const left = t('map.availableCount', { n: number(this.available(block)) });
    if (block.summary) block.summary.textContent = left;
    if (block.navCount) block.navCount.textContent = left;
    for (const meter of block.gaMeters) {
      const counts = block.counts[meter.categoryId] ?? { available: 0, held: 0, sold: 0 };
      const total = counts.available + counts.held + counts.sold || 1;
      meter.bar.style.setProperty('width', `${Math.round(100 * counts.available / total)}%`);
      meter.text.textContent = t('map.placesLeft', { n: number(counts.available), total: number(total) });
    }
  }

  /** Links to each block with its seats left, for a quick jump on a big venue. */
  renderNav(list) {
    list.replaceChildren(...this.blocks.map(block => {
      block.navCount = el('span', { class: 'count' });
      this.paintSummary(block);
      return el('li', {}, el('a', { href: `#section-${block.id}` }, el('strong', { text: block.name }), block.navCount));
    }));
  }

  /** Builds the DOM of every block into container. */
  render(container) {
    container.replaceChildren(...this.blocks.map(block => block.kind === 'generalAdmission' ? this.renderArea(block) : this.renderBlock(block)));
  }

  renderArea(block) {
    const headingId = `block-${block.id}`;
    block.summary = el('span', { class: 'muted' });
    block.gaMeters = block.def.areas.map(area => {
      const bar = el('span');
      bar.style.setProperty('--cat', this.colors.get(area.categoryId));
      bar.style.setProperty('background', this.colors.get(area.categoryId));
      return { categoryId: area.categoryId, bar, text: el('span', { class: 'small' }) };
    });
    const section = el('section', { class: 'block ga-area', id: `section-${block.id}`, 'aria-labelledby': headingId },
      el('h3', { id: headingId }, block.name, block.summary),
      el('p', { class: 'small muted', text: t('map.standingHint') }),
      block.gaMeters.map(m => el('div', {},
        el('div', { class: 'small' }, swatch(this.colors.get(m.categoryId)), this.categoryNames.get(m.categoryId) ?? m.categoryId),
        el('div', { class: 'ga-meter', 'aria-hidden': 'true' }, m.bar), m.text)));
    this.paintSummary(block);
    return section;
  }

  renderBlock(block) {
    const headingId = `block-${block.id}`;
    block.summary = el('span', { class: 'muted' });
    const rows = block.rows.map(row => {
      const seats = block.seats.slice(row.first, row.first + row.count).map(seat => {
        seat.el = el('button', { type: 'button', class: 'seat', tabindex: '-1', dataset: { block: block.id, seat: String(seat.index), id: seat.id } });
        seat.el.style.setProperty('--cat', this.colors.get(seat.categoryId) ?? '#6b7280');
        this.paint(block, seat.index, false);
        return seat.el;
      });
      return el('div', { class: 'seat-row', role: 'group', 'aria-label': t('map.row', { row: row.label }) },
        el('span', { class: 'row-label', 'aria-hidden': 'true', text: row.label }), seats);
    });
    const first = block.seats.findIndex((s, i) => block.states[i] === 0);
    block.focus = first >= 0 ? first : 0;
    if (block.seats[block.focus]) block.seats[block.focus].el.tabIndex = 0;

    const scroller = el('div', { class: 'block-scroll' }, rows);
    scroller.addEventListener('click', event => this.onClick(event));
    scroller.addEventListener('keydown', event => this.onKey(block, event));
    scroller.addEventListener('focusin', event => this.onFocus(block, event));
    const section = el('section', { class: 'block', id: `section-${block.id}`, 'aria-labelledby': headingId, 'aria-describedby': 'map-help' },
      el('h3', { id: headingId }, block.name, block.summary), scroller);
    this.paintSummary(block);
    return section;
  }

  relabel() {
    for (const block of this.blocks) {
      for (const seat of block.seats) this.paint(block, seat.index, false);
      this.paintSummary(block);
    }
  }

  onClick(event) {
    const button = event.target.closest('button.seat');
    if (!button) return;
    const block = this.byId.get(button.dataset.block);
    const seat = block.seats[Number(button.dataset.seat)];
    if (this.stateOf(block, seat) !== 'available') return;
    this.onToggle?.(block, seat);
  }

  onFocus(block, event) {
    const button = event.target.closest('button.seat');
    if (!button) return;
    const index = Number(button.dataset.seat);
    if (index !== block.focus) {
      block.seats[block.focus].el.tabIndex = -1;
      block.focus = index;
      button.tabIndex = 0;
    }
  }

  onKey(block, event) {
    const current = block.seats[block.focus];
    if (!current) return;
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
        if (next) target = next.first + Math.min(current.index - row.first, next.count - 1);
        else target = current.index;
        break;
      }
      default: return;
    }
    event.preventDefault();
    block.seats[target].el.focus();
  }
}
