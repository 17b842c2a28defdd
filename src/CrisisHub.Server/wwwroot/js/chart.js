// Bar charts drawn as SVG from the figures the page already has: no chart library, nothing fetched. Each bar is a
// <rect class="bar"> with its label and value as text, so the chart reads without colour and tests can count it.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A horizontal bar chart. items: [{ label, value (number or null), text (what to print beside the bar) }];
 * max: the value of a full bar (defaults to the largest).
 */
export function barChart(title, items, { max } = {}) {
  const rowHeight = 26;
  const labelWidth = 150;
  const barWidth = 260;
  const width = labelWidth + barWidth + 80;
  const height = rowHeight * items.length + 8;
  const top = max ?? Math.max(1, ...items.map(i => i.value ?? 0));
  const chart = svg('svg', { class: 'chart', role: 'img', 'aria-label': title, viewBox: `0 0 ${width} ${height}`, width, height });
  chart.append(svg('title', {}, title));
  items.forEach((item, i) => {
    const y = 4 + i * rowHeight;
    const length = Math.round(((item.value ?? 0) / top) * barWidth);
    chart.append(
      svg('text', { class: 'bar-label', x: labelWidth - 6, y: y + 16, 'text-anchor': 'end' }, item.label),
      svg('rect', { class: 'bar', x: labelWidth, y: y + 3, width: Math.max(length, 0), height: rowHeight - 8, 'data-value': item.value ?? '' }),
      svg('text', { class: 'bar-value', x: labelWidth + Math.max(length, 0) + 6, y: y + 16 }, item.text ?? String(item.value ?? '—')));
  });
  return chart;
}
