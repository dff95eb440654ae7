// Create an event: details, sale window, price categories and the venue's layout (seated sections
// of rows × seats, standing areas). The server generates the blocks; the event starts as a draft.
import { api } from '../api.js';
import { page, el, notify } from '../layout.js';
import { t } from '../i18n.js';
import { number, money } from '../format.js';
import { requireAdmin, localInput } from '../admin.js';
import { remember } from '../events-cache.js';

const $ = id => document.getElementById(id);
let serial = 0;

const editors = {
  categories: {
    fields: [
      ['id', 'adminNew.catId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.catName', 'text', { maxlength: 100, required: true }],
      ['price', 'adminNew.catPrice', 'number', { min: 0, max: 100000000, step: 1, required: true }],
      ['currency', 'adminNew.catCurrency', 'text', { maxlength: 3, minlength: 3, required: true }],
    ],
    label: 'adminNew.category',
  },
  sections: {
    fields: [
      ['id', 'adminNew.secId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.secName', 'text', { maxlength: 100, required: true }],
      ['rows', 'adminNew.secRows', 'number', { min: 1, max: 100, step: 1, required: true }],
      ['seatsPerRow', 'adminNew.secSeats', 'number', { min: 1, max: 100, step: 1, required: true }],
      ['categoryId', 'adminNew.secCategory', 'category', {}],
    ],
    label: 'adminNew.section',
  },
  areas: {
    fields: [
      ['id', 'adminNew.areaId', 'text', { maxlength: 64, required: true }],
      ['name', 'adminNew.areaName', 'text', { maxlength: 100, required: true }],
      ['capacity', 'adminNew.areaCapacity', 'number', { min: 1, max: 5000, step: 1, required: true }],
      ['categoryId', 'adminNew.areaCategory', 'category', {}],
    ],
    label: 'adminNew.area',
  },
};

function categoryIds() {
  return [...$('categories').querySelectorAll('[data-field="id"]')].map(i => i.value.trim()).filter(Boolean);
}

function refreshCategorySelects() {
  const ids = categoryIds();
  document.querySelectorAll('select[data-field="categoryId"]').forEach(select => {
    const chosen = select.value || select.dataset.initial;
    select.replaceChildren(...ids.map(id => el('option', { value: id, text: id })));
    if (ids.includes(chosen)) select.value = chosen;
  });
}

function addRow(kind, values = {}) {
  const spec = editors[kind];
  const container = $(kind);
  const n = ++serial;
  const inputs = spec.fields.map(([field, labelKey, type, attrs]) => {
    const id = `${kind}-${field}-${n}`;
    const input = type === 'category'
      ? el('select', { id, dataset: { field, initial: values[field] ?? '' } })
      : el('input', { id, type, dataset: { field }, value: values[field] ?? '', ...attrs });
    return el('div', { class: 'field' }, el('label', { for: id, text: t(labelKey) }), input);
  });
  const row = el('div', { class: 'editor-row', role: 'group', 'aria-label': `${t(spec.label)} ${container.children.length + 1}` },
    inputs,
    el('div', { class: 'field' }, el('button', {
      type: 'button', class: 'btn danger small', text: t('adminNew.remove'),
      'aria-label': `${t('adminNew.remove')}: ${t(spec.label)} ${container.children.length + 1}`,
      onclick: () => { row.remove(); refreshCategorySelects(); preview(); },
    })));
  container.append(row);
  refreshCategorySelects();
  preview();
  return row;
}

function rowsOf(kind) {
  return [...$(kind).children].map(row => Object.fromEntries(
    [...row.querySelectorAll('[data-field]')].map(input => [input.dataset.field, input.type === 'number' ? Number(input.value) : input.value.trim()])));
}

function preview() {
  const sections = rowsOf('sections');
  const areas = rowsOf('areas');
  const seats = sections.reduce((n, s) => n + (s.rows || 0) * (s.seatsPerRow || 0), 0);
  const standing = areas.reduce((n, a) => n + (a.capacity || 0), 0);
  const prices = new Map(rowsOf('categories').map(c => [c.id, c]));
  const revenue = sections.reduce((sum, s) => sum + (s.rows || 0) * (s.seatsPerRow || 0) * (prices.get(s.categoryId)?.price || 0), 0)
    + areas.reduce((sum, a) => sum + (a.capacity || 0) * (prices.get(a.categoryId)?.price || 0), 0);
  const currency = rowsOf('categories')[0]?.currency || 'KRW';
  let revenueText = '';
  try { revenueText = money(revenue, currency); } catch { revenueText = number(revenue); }
  $('preview').textContent = t('adminNew.previewText', {
    seats: number(seats), sections: number(sections.length), standing: number(standing), areas: number(areas.length), revenue: revenueText,
  });
}

function iso(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function body() {
  const form = $('form');
  return {
    title: form.title.value.trim(),
    artist: form.artist.value.trim(),
    venue: form.venue.value.trim(),
    startsAt: iso(form.startsAt.value),
    saleOpensAt: iso(form.saleOpensAt.value),
    saleClosesAt: iso(form.saleClosesAt.value),
    perBuyerLimit: Number(form.perBuyerLimit.value),
    holdMinutes: Number(form.holdMinutes.value),
    queueEnabled: form.queueEnabled.checked,
    queueMode: form.queueMode.value,
    preQueueMinutes: Number(form.preQueueMinutes.value),
    categories: rowsOf('categories').map(c => ({ ...c, currency: (c.currency || 'KRW').toUpperCase() })),
    layout: { sections: rowsOf('sections'), areas: rowsOf('areas') },
  };
}

function check(draft) {
  const form = $('form');
  for (const input of form.querySelectorAll('input, select')) input.removeAttribute('aria-invalid');
  const bad = [...form.querySelectorAll('input[required], select')].filter(input => !input.checkValidity() || (input.tagName === 'SELECT' && !input.value));
  for (const input of bad) input.setAttribute('aria-invalid', 'true');
  if (bad.length) {
    notify('msg', 'error', t('adminNew.fixFields', { n: bad.length }));
    bad[0].focus();
    return false;
  }
  if (!draft.layout.sections.length && !draft.layout.areas.length) {
    notify('msg', 'error', t('adminNew.needLayout'));
    return false;
  }
  if (!draft.categories.length) {
    notify('msg', 'error', t('adminNew.needCategory'));
    return false;
  }
  return true;
}

async function submit(event) {
  event.preventDefault();
  const draft = body();
  if (!check(draft)) return;
  const button = $('create');
  button.disabled = true;
  try {
    const created = await api('/api/admin/events', { method: 'POST', body: draft });
    remember(created);
    location.href = `/admin/event.html?id=${encodeURIComponent(created.eventId)}&created=1`;
  } catch (error) {
    const fields = Object.entries(error.fieldErrors ?? {});
    notify('msg', 'error', fields.length ? fields.map(([f, m]) => `${f}: ${m}`).join(' ') : error.friendly);
  } finally {
    button.disabled = false;
  }
}

function defaults() {
  const now = new Date();
  now.setSeconds(0, 0);
  const starts = new Date(now.getTime() + 30 * 86_400_000);
  starts.setHours(19, 0, 0, 0);
  $('startsAt').value = localInput(starts);
  $('saleOpensAt').value = localInput(now);
  $('saleClosesAt').value = localInput(new Date(starts.getTime() - 86_400_000));
  addRow('categories', { id: 'R', name: 'R', price: 150000, currency: 'KRW' });
  addRow('categories', { id: 'S', name: 'S', price: 110000, currency: 'KRW' });
  addRow('categories', { id: 'GA', name: t('adminNew.standingName'), price: 90000, currency: 'KRW' });
  addRow('sections', { id: 'A', name: t('adminNew.sectionName', { n: 'A' }), rows: 8, seatsPerRow: 16, categoryId: 'R' });
  addRow('sections', { id: 'B', name: t('adminNew.sectionName', { n: 'B' }), rows: 8, seatsPerRow: 16, categoryId: 'S' });
  addRow('areas', { id: 'FLOOR', name: t('adminNew.floorName'), capacity: 300, categoryId: 'GA' });
}

function render() {
  document.querySelectorAll('.editor-row').forEach(row => {
    row.querySelectorAll('label').forEach(label => {
      const field = document.getElementById(label.htmlFor)?.dataset.field;
      const kind = row.parentElement.id;
      const spec = editors[kind]?.fields.find(f => f[0] === field);
      if (spec) label.textContent = t(spec[1]);
    });
  });
  preview();
}

$('add-category').addEventListener('click', () => addRow('categories', { currency: 'KRW' }).querySelector('input').focus());
$('add-section').addEventListener('click', () => addRow('sections', { rows: 10, seatsPerRow: 20 }).querySelector('input').focus());
$('add-area').addEventListener('click', () => addRow('areas', { capacity: 500 }).querySelector('input').focus());
$('form').addEventListener('input', event => {
  if (event.target.closest('#categories')) refreshCategorySelects();
  preview();
});
$('form').addEventListener('submit', submit);

page({ active: 'admin', render });
if (requireAdmin()) defaults();
