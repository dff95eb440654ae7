// @ts-check
// A bar chart of the last N per-second values, drawn as SVG (no library, no inline styles).
import { t } from './i18n.js';
import { number } from './format.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
};

function niceMax(value) {
  if (value <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Draws values (oldest first, one per step, a second unless stepSeconds says otherwise) into container;
 * label replaces the tickets-per-second description for other series.
 */
/**
 * @param {HTMLElement} container
 * @param {number[]} values
 * @param {{ stepSeconds?: number, label?: string }} [options]
 */
export function drawRateChart(container, values, { stepSeconds = 1, label } = {}) {
  const width = 600;
  const height = 180;
  const left = 36;
  const bottom = 20;
  const top = 8;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...values));
  const now = values.at(-1) ?? 0;
  const peak = Math.max(0, ...values);
  const svg = svgEl('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': label ?? t('chart.label', { seconds: values.length, now: number(now), peak: number(peak) }),
  });
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plotH * (1 - fraction);
    svg.append(svgEl('line', { class: fraction === 0 ? 'axis' : 'grid', x1: left, x2: width - 8, y1: y, y2: y }));
    const label = svgEl('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' });
    label.textContent = number(max * fraction);
    svg.append(label);
  }
  const slot = plotW / Math.max(values.length, 1);
  values.forEach((value, i) => {
    if (value <= 0) return;
    const h = plotH * Math.min(value, max) / max;
    svg.append(svgEl('rect', { class: 'bar', x: left + i * slot + slot * 0.1, y: top + plotH - h, width: Math.max(slot * 0.8, 1), height: h }));
  });
  const past = svgEl('text', { x: left, y: height - 4, 'text-anchor': 'start' });
  past.textContent = t('chart.ago', { seconds: values.length * stepSeconds });
  const current = svgEl('text', { x: width - 8, y: height - 4, 'text-anchor': 'end' });
  current.textContent = t('chart.now');
  svg.append(past, current);
  container.replaceChildren(svg);
}
