// @ts-check
// The operator's seat editor for one seated section of the new-event form: the section's rows × seats
// (aisles drawn as gaps), and a tool that marks a seat blocked (never for sale), makes it a wheelchair
// space with its companion seat beside it, or clears it. The marks (SeatMarks) are plain data apart from
// the drawing; what the form sends is their part that fits the section as typed now, so making the
// section smaller for a moment loses nothing.
import { el } from './layout.js';
import { t, tn } from './i18n.js';
import { splitSeatId } from './format.js';

/**
 * @typedef {object} Shape
 * @property {number} rows
 * @property {number} seatsPerRow
 * @property {number[]} aislesAfter seat numbers with an aisle after them, in every row
 */

/** @typedef {'blocked' | 'wheelchair' | 'companion'} Mark */
/** @typedef {'block' | 'wheelchair' | 'clear'} Tool */

/** Row labels as the server makes them: A…Z, then AA, AB… @param {number} row from 0 */
export function rowLabel(row) {
  return row < 26
    ? String.fromCharCode(65 + row)
    : String.fromCharCode(65 + Math.floor(row / 26) - 1) + String.fromCharCode(65 + (row % 26));
}

/**
 * The aisles field: seat numbers separated by commas (or spaces). Each must leave a seat on both sides.
 * @param {string} text
 * @param {number} seatsPerRow
 * @returns {{ numbers: number[], ok: boolean }}
 */
export function parseAisles(text, seatsPerRow) {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const numbers = parts.map(p => (/^\d+$/.test(p) ? Number(p) : NaN));
  const ok = numbers.every(n => Number.isInteger(n) && n >= 1 && (!seatsPerRow || n < seatsPerRow))
    && new Set(numbers).size === numbers.length && numbers.length <= 20;
  return { numbers: ok ? [...numbers].sort((a, b) => a - b) : [], ok };
}

/** The marks of one section, by seat id. */
export class SeatMarks {
  constructor() {
    /** @type {Set<string>} */
    this.blocked = new Set();
    /** @type {Map<string, string>} wheelchair space → its companion seat */
    this.wheelchairs = new Map();
  }

  /** @param {string} id @returns {Mark | null} */
  markOf(id) {
    if (this.blocked.has(id)) return 'blocked';
    if (this.wheelchairs.has(id)) return 'wheelchair';
    for (const companion of this.wheelchairs.values()) if (companion === id) return 'companion';
    return null;
  }

  /** The wheelchair space of a pair the seat belongs to, if any. @param {string} id */
  spaceOf(id) {
    if (this.wheelchairs.has(id)) return id;
    for (const [space, companion] of this.wheelchairs) if (companion === id) return space;
    return null;
  }

  /** Removes any mark of the seat (a pair goes as a whole). @param {string} id */
  clear(id) {
    this.blocked.delete(id);
    const space = this.spaceOf(id);
    if (space) this.wheelchairs.delete(space);
  }

  /** @param {string} id */
  block(id) {
    this.clear(id);
    this.blocked.add(id);
  }

  /**
   * Makes the seat a wheelchair space; its companion is the right neighbour, or the left one when the
   * right one is missing, across an aisle or marked already. Returns false when neither is free.
   * @param {string} id
   * @param {Shape} shape
   */
  wheelchair(id, shape) {
    const { row, number } = splitSeatId(id);
    const aisles = new Set(shape.aislesAfter);
    /** @param {number} n */
    const free = n => n >= 1 && n <= shape.seatsPerRow && this.markOf(`${row}-${n}`) === null;
    const right = number + 1;
    const left = number - 1;
    this.clear(id);
    const companion = free(right) && !aisles.has(number) ? right : free(left) && !aisles.has(left) ? left : null;
    if (companion === null) return false;
    this.wheelchairs.set(id, `${row}-${companion}`);
    return true;
  }

  /**
   * Applies a tool to a seat; false when it could not be done (no free neighbour for a companion).
   * @param {Tool} tool
   * @param {string} id
   * @param {Shape} shape
   */
  apply(tool, id, shape) {
    if (tool === 'block') this.block(id);
    else if (tool === 'clear') this.clear(id);
    else return this.wheelchair(id, shape);
    return true;
  }

  /**
   * The marks that fit the section as it is now: seats that exist, pairs not split by an aisle.
   * @param {Shape} shape
   */
  within(shape) {
    const rows = new Set(Array.from({ length: Math.max(0, shape.rows || 0) }, (_, r) => rowLabel(r)));
    const aisles = new Set(shape.aislesAfter);
    /** @param {string} id */
    const exists = id => {
      const { row, number } = splitSeatId(id);
      return rows.has(row) && number >= 1 && number <= (shape.seatsPerRow || 0);
    };
    const blocked = [...this.blocked].filter(exists);
    const wheelchairs = [...this.wheelchairs]
      .filter(([space, companion]) => exists(space) && exists(companion)
        && !aisles.has(Math.min(splitSeatId(space).number, splitSeatId(companion).number)))
      .map(([seat, companion]) => ({ seat, companion }));
    return { blocked, wheelchairs };
  }
}

/**
 * The editor's panel for one section: tool choice, the grid, the counts. `shape` reads the section's
 * fields as typed; `changed` is told after every edit (the form's capacity preview follows).
 */
export class SeatEditor {
  /**
   * @param {{ id: string, name: () => string, shape: () => Shape, marks: SeatMarks, changed: () => void }} options
   */
  constructor({ id, name, shape, marks, changed }) {
    this.id = id;
    this.name = name;
    this.shape = shape;
    this.marks = marks;
    this.changed = changed;
    /** @type {Tool} */
    this.tool = 'block';
    this.focusId = '';
    this.shapeKey = '';
    this.grid = el('div', { class: 'seat-editor-grid', role: 'group' });
    this.grid.addEventListener('click', event => this.onClick(event));
    this.grid.addEventListener('keydown', event => this.onKey(event));
    this.counts = el('p', { class: 'small', id: `${id}-counts`, 'aria-live': 'polite' });
    this.note = el('p', { class: 'small', role: 'status' });
    this.tools = el('fieldset', { class: 'seat-tools' });
    this.panel = el('div', { class: 'seat-editor', id, hidden: true },
      this.tools, el('div', { class: 'seat-editor-scroll' }, this.grid), this.counts, this.note);
    this.renderTools();
  }

  get open() { return !this.panel.hidden; }

  /** @param {boolean} open */
  show(open) {
    this.panel.hidden = !open;
    if (open) this.render(true);
  }

  renderTools() {
    /** @type {[Tool, string][]} */
    const tools = [['block', 'seatEditor.toolBlock'], ['wheelchair', 'seatEditor.toolWheelchair'], ['clear', 'seatEditor.toolClear']];
    this.tools.replaceChildren(
      el('legend', { text: t('seatEditor.tool') }),
      ...tools.map(([tool, key]) => el('label', { class: 'check' },
        el('input', {
          type: 'radio', name: `${this.id}-tool`, value: tool, checked: this.tool === tool,
          onchange: () => { this.tool = tool; },
        }), el('span', { text: t(key) }))));
  }

  /** Redraws the grid when the section's shape changed (or always, with `force`), then the marks. */
  render(force = false) {
    if (!this.open) return;
    const shape = this.shape();
    const key = `${shape.rows}x${shape.seatsPerRow}/${shape.aislesAfter.join(',')}`;
    if (force || key !== this.shapeKey) {
      this.shapeKey = key;
      const aisles = new Set(shape.aislesAfter);
      const rows = Math.min(Math.max(0, shape.rows || 0), 100);
      const seats = Math.min(Math.max(0, shape.seatsPerRow || 0), 100);
      this.grid.setAttribute('aria-label', t('seatEditor.gridLabel', { section: this.name() }));
      this.grid.replaceChildren(...Array.from({ length: rows }, (_, r) => {
        const row = rowLabel(r);
        return el('div', { class: 'seat-row', role: 'group', 'aria-label': t('map.row', { row }) },
          el('span', { class: 'row-label', 'aria-hidden': 'true', text: row }),
          Array.from({ length: seats }, (_, s) => el('button', {
            type: 'button', class: aisles.has(s + 1) ? 'seat aisle-after' : 'seat', tabindex: '-1',
            dataset: { id: `${row}-${s + 1}`, no: String(s + 1) },
          })));
      }));
    }
    this.paint();
  }

  /** Every seat's look and name, the counts, and the one seat Tab reaches. */
  paint() {
    const shape = this.shape();
    const { blocked, wheelchairs } = this.marks.within(shape);
    const blockedSet = new Set(blocked);
    const spaces = new Set(wheelchairs.map(w => w.seat));
    const companions = new Set(wheelchairs.map(w => w.companion));
    /** @type {HTMLButtonElement[]} */
    const buttons = [...this.grid.querySelectorAll('button.seat')].map(b => /** @type {HTMLButtonElement} */ (b));
    if (!buttons.some(b => b.dataset.id === this.focusId)) this.focusId = buttons[0]?.dataset.id ?? '';
    for (const button of buttons) {
      const id = button.dataset.id ?? '';
      /** @type {Mark | null} */
      const mark = blockedSet.has(id) ? 'blocked' : spaces.has(id) ? 'wheelchair' : companions.has(id) ? 'companion' : null;
      if (mark === 'blocked') button.dataset.state = 'blocked';
      else delete button.dataset.state;
      if (mark === 'wheelchair' || mark === 'companion') button.dataset.mark = mark;
      else delete button.dataset.mark;
      const { row, number } = splitSeatId(id);
      button.setAttribute('aria-label', t('seatEditor.seatLabel', { row, seat: number, mark: t(`seatEditor.mark.${mark ?? 'none'}`) }));
      button.tabIndex = id === this.focusId ? 0 : -1;
    }
    this.counts.textContent = t('seatEditor.counts', {
      blocked: tn('seatEditor.blocked', blocked.length),
      wheelchairs: tn('seatEditor.wheelchairs', wheelchairs.length),
    });
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const button = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button.seat'));
    const id = button?.dataset.id;
    if (!id) return;
    this.focusId = id;
    const done = this.marks.apply(this.tool, id, this.shape());
    this.note.textContent = done ? '' : t('seatEditor.noCompanion', { seat: id });
    this.paint();
    this.changed();
  }

  /** Arrow keys move between seats (rows up and down), Home and End to a row's ends. @param {KeyboardEvent} event */
  onKey(event) {
    const current = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('button.seat'));
    if (!current) return;
    const row = /** @type {HTMLElement} */ (current.parentElement);
    const seats = [...row.querySelectorAll('button.seat')];
    const at = seats.indexOf(current);
    /** @type {Element | undefined} */
    let target;
    switch (event.key) {
      case 'ArrowLeft': target = seats[Math.max(0, at - 1)]; break;
      case 'ArrowRight': target = seats[Math.min(seats.length - 1, at + 1)]; break;
      case 'Home': target = seats[0]; break;
      case 'End': target = seats.at(-1); break;
      case 'ArrowUp':
      case 'ArrowDown': {
        const next = event.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling;
        target = next ? next.querySelectorAll('button.seat')[at] : current;
        break;
      }
      default: return;
    }
    event.preventDefault();
    if (!(target instanceof HTMLButtonElement)) return;
    this.focusId = target.dataset.id ?? '';
    for (const b of seats) /** @type {HTMLButtonElement} */ (b).tabIndex = -1;
    current.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
  }

  /** After a language change. */
  relabel() {
    this.renderTools();
    if (this.open) this.render(true);
  }
}
