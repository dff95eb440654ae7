// @ts-check
// Create an event: details (description, poster, age rating, running time), the sale window on the
// venue's clock and zone, prices in the event's one currency (in won, not minor units), and the venue's
// layout (seated sections of rows × seats, standing areas, each placed around the stage). A seated section
// may have aisles (after the same seat numbers in every row) and seat marks made in its seat editor
// (seat-editor.js): blocked seats, wheelchair spaces with companion seats. The server generates the
// blocks; the event starts as a draft.
import { api, ApiError } from '../api.js';
import { page, el, notifyAt } from '../layout.js';
import { t } from '../i18n.js';
import { number, money, minorDigits, zonedToIso, isoToZoned, zoneLabel, DEFAULT_ZONE } from '../format.js';
import { requireAdmin } from '../admin.js';
import { remember } from '../events-cache.js';
import { SeatEditor, SeatMarks, parseAisles } from '../seat-editor.js';

/** @param {string} id */
const $ = id => /** @type {HTMLElement} */ (document.getElementById(id));
/** @param {string} id */
const input = id => /** @type {HTMLInputElement} */ (document.getElementById(id));
let serial = 0;

/** @typedef {[string, string, string, Record<string, any>]} FieldSpec field, label key, type, attributes */

const POSITIONS = ['back', 'left', 'right', 'frontLeft', 'frontRight', 'backLeft', 'backRight', 'floor'];

/** @type {Record<string, { fields: FieldSpec[], label: string }>} */
const editors = {
  categories: {
    fields: [
      ['id', 'adminNew.catId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.catName', 'text', { maxlength: 100, required: true }],
      ['price', 'adminNew.catPrice', 'number', { min: 0, max: 100000000, step: 1, required: true }],
    ],
    label: 'adminNew.category',
  },
  sections: {
    fields: [
      ['id', 'adminNew.secId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.secName', 'text', { maxlength: 100, required: true }],
      ['rows', 'adminNew.secRows', 'number', { min: 1, max: 100, step: 1, required: true }],
      ['seatsPerRow', 'adminNew.secSeats', 'number', { min: 1, max: 100, step: 1, required: true }],
      ['aislesAfter', 'adminNew.secAisles', 'text', { maxlength: 100, placeholder: '8, 16', autocomplete: 'off' }],
      ['categoryId', 'adminNew.secCategory', 'category', {}],
      ['position', 'adminNew.position', 'position', {}],
    ],
    label: 'adminNew.section',
  },
  areas: {
    fields: [
      ['id', 'adminNew.areaId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.areaName', 'text', { maxlength: 100, required: true }],
      ['capacity', 'adminNew.areaCapacity', 'number', { min: 1, max: 5000, step: 1, required: true }],
      ['categoryId', 'adminNew.areaCategory', 'category', {}],
      ['position', 'adminNew.position', 'position', {}],
    ],
    label: 'adminNew.area',
  },
};

/** Each seated section's row → its seat marks and their editor. */
/** @type {WeakMap<Element, SeatEditor>} */
const seatEditors = new WeakMap();

const currency = () => /** @type {HTMLSelectElement} */ ($('currency')).value || 'KRW';
const zone = () => /** @type {HTMLSelectElement} */ ($('timeZone')).value || DEFAULT_ZONE;

/** The price field's unit: "won" for KRW, the code for others. */
function priceUnit() {
  const code = currency();
  return code === 'KRW' ? t('adminNew.unit.KRW') : code;
}

function categoryIds() {
  return [...$('categories').querySelectorAll('[data-field="id"]')].map(i => /** @type {HTMLInputElement} */ (i).value.trim()).filter(Boolean);
}

function refreshCategorySelects() {
  const ids = categoryIds();
  document.querySelectorAll('select[data-field="categoryId"]').forEach(node => {
    const choice = /** @type {HTMLSelectElement} */ (node);
    const chosen = choice.value || choice.dataset.initial || '';
    choice.replaceChildren(...ids.map(id => el('option', { value: id, text: id })));
    if (ids.includes(chosen)) choice.value = chosen;
  });
}

/** @param {string} chosen */
function positionOptions(chosen) {
  return POSITIONS.map(p => el('option', { value: p, text: t(`venue.${p}`), selected: p === chosen }));
}

/**
 * @param {string} kind
 * @param {Record<string, string | number>} [values]
 */
function addRow(kind, values = {}) {
  const spec = editors[kind];
  const container = $(kind);
  const n = ++serial;
  const inputs = spec.fields.map(([field, labelKey, type, attrs]) => {
    const id = `${kind}-${field}-${n}`;
    const control = type === 'category'
      ? el('select', { id, dataset: { field, initial: String(values[field] ?? '') } })
      : type === 'position'
        ? el('select', { id, dataset: { field } }, positionOptions(String(values[field] ?? (kind === 'areas' ? 'floor' : 'back'))))
        : el('input', { id, type, dataset: { field }, value: values[field] ?? '', ...attrs });
    return el('div', { class: 'field' }, el('label', { for: id, text: t(labelKey, { unit: priceUnit() }) }), control);
  });
  const row = el('div', { class: 'editor-row', role: 'group', 'aria-label': `${t(spec.label)} ${container.children.length + 1}` },
    inputs,
    kind === 'sections' ? seatEditorFor(n) : null,
    el('div', { class: 'field' }, el('button', {
      type: 'button', class: 'btn danger small', text: t('adminNew.remove'),
      'aria-label': `${t('adminNew.remove')}: ${t(spec.label)} ${container.children.length + 1}`,
      onclick: () => { row.remove(); refreshCategorySelects(); preview(); },
    })));
  container.append(row);
  if (kind === 'sections') attachSeatEditor(row, n);
  refreshCategorySelects();
  preview();
  return row;
}

/** The "Edit seats" button of a section row (attachSeatEditor wires it). @param {number} n */
function seatEditorFor(n) {
  return el('div', { class: 'field' }, el('button', {
    type: 'button', class: 'btn secondary small edit-seats', 'aria-expanded': 'false', 'aria-controls': `seat-editor-${n}`, text: t('adminNew.editSeats'),
  }));
}

/**
 * A section row's seat editor: its marks, its panel (below the row's fields), the button that opens it.
 * @param {HTMLElement} row
 * @param {number} n
 */
function attachSeatEditor(row, n) {
  const editor = new SeatEditor({
    id: `seat-editor-${n}`, marks: new SeatMarks(),
    name: () => String(fieldsOf(row).name || fieldsOf(row).id || ''),
    shape: () => shapeOf(row),
    changed: preview,
  });
  seatEditors.set(row, editor);
  row.append(editor.panel);
  const toggle = /** @type {HTMLButtonElement} */ (row.querySelector('.edit-seats'));
  toggle.addEventListener('click', () => {
    editor.show(!editor.open);
    toggle.setAttribute('aria-expanded', String(editor.open));
  });
}

/** @param {Element} row */
function fieldsOf(row) {
  return Object.fromEntries([...row.querySelectorAll('[data-field]')].map(node => {
    const field = /** @type {HTMLInputElement} */ (node);
    return [field.dataset.field, field.type === 'number' ? Number(field.value) : field.value.trim()];
  }));
}

/** A section's rows, seats per row and aisles as typed now. @param {Element} row */
function shapeOf(row) {
  const fields = fieldsOf(row);
  const seatsPerRow = Number(fields.seatsPerRow) || 0;
  return { rows: Number(fields.rows) || 0, seatsPerRow, aislesAfter: parseAisles(String(fields.aislesAfter ?? ''), seatsPerRow).numbers };
}

/** Flags an aisles field that does not read as seat numbers inside the row. */
function checkAisles() {
  $('sections').querySelectorAll('[data-field="aislesAfter"]').forEach(node => {
    const field = /** @type {HTMLInputElement} */ (node);
    const row = /** @type {Element} */ (field.closest('.editor-row'));
    field.setCustomValidity(parseAisles(field.value, shapeOf(row).seatsPerRow).ok ? '' : t('adminNew.aislesBad'));
  });
}

/**
 * The sections as the API takes them: aisles as numbers, and the seat marks that fit the section.
 * @returns {any[]}
 */
function sectionsBody() {
  return [...$('sections').children].map(row => {
    const fields = fieldsOf(row);
    delete fields.aislesAfter;
    const shape = shapeOf(row);
    const marks = seatEditors.get(row)?.marks.within(shape) ?? { blocked: [], wheelchairs: [] };
    return {
      ...fields,
      ...(shape.aislesAfter.length ? { aislesAfter: shape.aislesAfter } : {}),
      ...(marks.blocked.length ? { blockedSeats: marks.blocked } : {}),
      ...(marks.wheelchairs.length ? { wheelchairs: marks.wheelchairs } : {}),
    };
  });
}

/** @param {string} kind */
function rowsOf(kind) {
  return [...$(kind).children].map(row => Object.fromEntries(
    [...row.querySelectorAll('[data-field]')].map(node => {
      const field = /** @type {HTMLInputElement} */ (node);
      return [field.dataset.field, field.type === 'number' ? Number(field.value) : field.value.trim()];
    })));
}

/** Prices as typed (won, or dollars with cents) into the API's minor units. @param {number} price */
function toMinor(price) {
  return Math.round(price * 10 ** minorDigits(currency()));
}

function preview() {
  checkAisles();
  for (const row of $('sections').children) seatEditors.get(row)?.render();
  // Blocked seats are never for sale: they count neither as seats nor as revenue.
  const sections = sectionsBody().map(s => ({ ...s, forSale: (s.rows || 0) * (s.seatsPerRow || 0) - (s.blockedSeats?.length ?? 0) }));
  const areas = /** @type {any[]} */ (rowsOf('areas'));
  const seats = sections.reduce((n, s) => n + s.forSale, 0);
  const standing = areas.reduce((n, a) => n + (a.capacity || 0), 0);
  const prices = new Map(/** @type {any[]} */ (rowsOf('categories')).map(c => [c.id, c]));
  const revenue = sections.reduce((sum, s) => sum + s.forSale * toMinor(prices.get(s.categoryId)?.price || 0), 0)
    + areas.reduce((sum, a) => sum + (a.capacity || 0) * toMinor(prices.get(a.categoryId)?.price || 0), 0);
  let revenueText = '';
  try { revenueText = money(revenue, currency()); } catch { revenueText = number(revenue); }
  $('preview').textContent = t('adminNew.previewText', {
    seats: number(seats), sections: number(sections.length), standing: number(standing), areas: number(areas.length), revenue: revenueText,
  });
  $('zone-note').textContent = t('adminNew.zoneNote', { zone: `${zone()}, ${zoneLabel(zone())}` });
}

/** @param {string} id */
function iso(id) {
  return zonedToIso(input(id).value, zone());
}

function body() {
  const rating = /** @type {HTMLSelectElement} */ ($('ageRating')).value;
  const running = input('runningMinutes').value;
  return {
    title: input('title').value.trim(),
    artist: input('artist').value.trim(),
    venue: input('venue').value.trim(),
    startsAt: iso('startsAt'),
    saleOpensAt: iso('saleOpensAt'),
    saleClosesAt: iso('saleClosesAt'),
    timeZone: zone(),
    currency: currency(),
    description: /** @type {HTMLTextAreaElement} */ ($('description')).value.trim() || null,
    posterUrl: input('posterUrl').value.trim() || null,
    ageRating: rating || null,
    runningMinutes: running ? Number(running) : null,
    perBuyerLimit: Number(input('perBuyerLimit').value),
    holdMinutes: Number(input('holdMinutes').value),
    queueEnabled: input('queueEnabled').checked,
    queueMode: /** @type {HTMLSelectElement} */ ($('queueMode')).value,
    preQueueMinutes: Number(input('preQueueMinutes').value),
    categories: rowsOf('categories').map(c => ({ id: c.id, name: c.name, price: toMinor(Number(c.price)) })),
    layout: { sections: sectionsBody(), areas: rowsOf('areas') },
  };
}

/** @param {ReturnType<typeof body>} draft */
function check(draft) {
  const form = $('form');
  for (const field of form.querySelectorAll('input, select, textarea')) field.removeAttribute('aria-invalid');
  const bad = [...form.querySelectorAll('input, select, textarea')]
    .map(node => /** @type {HTMLInputElement} */ (node))
    .filter(field => !field.checkValidity() || (field.tagName === 'SELECT' && field.dataset.field === 'categoryId' && !field.value));
  for (const field of bad) field.setAttribute('aria-invalid', 'true');
  const submit = $('create');
  if (bad.length) {
    notifyAt(submit, 'error', t('adminNew.fixFields', { n: bad.length }));
    bad[0].focus();
    return false;
  }
  if (!draft.layout.sections.length && !draft.layout.areas.length) {
    notifyAt(submit, 'error', t('adminNew.needLayout'));
    return false;
  }
  if (!draft.categories.length) {
    notifyAt(submit, 'error', t('adminNew.needCategory'));
    return false;
  }
  return true;
}

/** @param {SubmitEvent} event */
async function submit(event) {
  event.preventDefault();
  const draft = body();
  if (!check(draft)) return;
  const button = /** @type {HTMLButtonElement} */ ($('create'));
  button.disabled = true;
  try {
    const created = await api('/api/admin/events', { method: 'POST', body: draft });
    remember(created);
    location.href = `/admin/event.html?id=${encodeURIComponent(created.eventId)}&created=1`;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fields = Object.entries(error.fieldErrors ?? {});
    notifyAt(button, 'error', fields.length ? fields.map(([f, m]) => `${f}: ${m}`).join(' ') : error.friendly);
  } finally {
    button.disabled = false;
  }
}

function zones() {
  /** @type {string[]} */
  let all = [];
  try { all = Intl.supportedValuesOf('timeZone'); } catch { /* older browsers: the default only */ }
  if (!all.includes(DEFAULT_ZONE)) all.unshift(DEFAULT_ZONE);
  /** @type {HTMLSelectElement} */ ($('timeZone')).replaceChildren(...all.map(z => el('option', { value: z, text: z, selected: z === DEFAULT_ZONE })));
}

function defaults() {
  zones();
  const now = new Date();
  const starts = new Date(now.getTime() + 30 * 86_400_000);
  const day = isoToZoned(starts, zone()).slice(0, 10);
  input('startsAt').value = `${day}T19:00`;
  input('saleOpensAt').value = isoToZoned(now, zone());
  input('saleClosesAt').value = isoToZoned(new Date(Date.parse(zonedToIso(`${day}T19:00`, zone()) ?? '') - 86_400_000), zone());
  addRow('categories', { id: 'R', name: 'R', price: 150000 });
  addRow('categories', { id: 'S', name: 'S', price: 110000 });
  addRow('categories', { id: 'GA', name: t('adminNew.standingName'), price: 90000 });
  addRow('sections', { id: 'A', name: t('adminNew.sectionName', { n: 'A' }), rows: 8, seatsPerRow: 16, categoryId: 'R', position: 'left' });
  addRow('sections', { id: 'B', name: t('adminNew.sectionName', { n: 'B' }), rows: 8, seatsPerRow: 16, categoryId: 'S', position: 'right' });
  addRow('areas', { id: 'FLOOR', name: t('adminNew.floorName'), capacity: 300, categoryId: 'GA', position: 'floor' });
}

/** Moves the wall-clock times along when the zone changes? No: the operator typed the venue's time; it stays. */
function relabel() {
  document.querySelectorAll('.editor-row').forEach(row => {
    seatEditors.get(row)?.relabel();
    const edit = row.querySelector('.edit-seats');
    if (edit) edit.textContent = t('adminNew.editSeats');
    row.querySelectorAll('label').forEach(label => {
      const control = /** @type {HTMLElement | null} */ (document.getElementById(label.htmlFor));
      const field = control?.dataset.field;
      const kind = row.parentElement?.id ?? '';
      const spec = editors[kind]?.fields.find(f => f[0] === field);
      if (spec) label.textContent = t(spec[1], { unit: priceUnit() });
      if (control && field === 'position') {
        const chosen = /** @type {HTMLSelectElement} */ (control).value;
        control.replaceChildren(...positionOptions(chosen));
      }
    });
  });
  preview();
}

$('add-category').addEventListener('click', () => addRow('categories', {}).querySelector('input')?.focus());
$('add-section').addEventListener('click', () => addRow('sections', { rows: 10, seatsPerRow: 20 }).querySelector('input')?.focus());
$('add-area').addEventListener('click', () => addRow('areas', { capacity: 500 }).querySelector('input')?.focus());
$('form').addEventListener('input', event => {
  if (/** @type {HTMLElement} */ (event.target).closest('#categories')) refreshCategorySelects();
  preview();
});
$('currency').addEventListener('change', relabel);
$('timeZone').addEventListener('change', preview);
$('form').addEventListener('submit', submit);

page({ active: 'admin', render: relabel });
if (requireAdmin()) defaults();
