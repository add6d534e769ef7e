/**
 * Charts drawn on the server as SVG with Observable Plot over a linkedom document, so dashboards need
 * no JavaScript in the browser. Each function returns SVG markup with role="img" and a label that says
 * what the chart shows in words; pages put it in a <figure> next to a table of the same data.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartOptions {
  /** The accessible name: what the chart shows, e.g. "Completion by module". */
  title: string;
  /** Axis label with unit, e.g. "Completed (%)". */
  axis: string;
  /** How a value reads in words and on the bar, e.g. (v) => `${v}%`. */
  format?: (value: number) => string;
  /** Fixed axis range, e.g. [0, 100] for percentages. */
  domain?: [number, number];
  /** An optional reference line, e.g. a pass mark. */
  rule?: { value: number; label: string };
  /** Drawing width in pixels (see CHART_WIDTHS); text keeps its size when the SVG is shown at this width. */
  width?: number;
}

export interface Segment {
  label: string;
  series: string;
  value: number;
}

/**
 * The two widths pages draw each chart at: `wide` fills a dashboard card beside nothing else at 1280 px,
 * `narrow` fits a phone. ChartFigure shows one or the other with CSS, so text is never scaled down.
 */
export const CHART_WIDTHS = { wide: 1040, narrow: 420 } as const;

const FONT_SIZE = 14;
const LINE_HEIGHT = 1.2;
const BAR_FILL = '#1f5f8b';
/** Bars below zero: another colour, their value on the far side of the bar, and a minus sign in words. */
const NEGATIVE_FILL = '#a3231b';
const RULE_STROKE = '#a3231b';
/** Average character width as a share of the font size, for fitting labels. */
const CHAR = 0.58;

export function newDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

/** Room for the labels: enough for the longest on one line, but at most a third of the chart. */
function marginFor(labels: string[], width: number): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(Math.round(width / 3), Math.max(60, Math.ceil(longest * FONT_SIZE * CHAR) + 16));
}

/** How many lines the longest label wraps to in the margin: labels are wrapped whole, never cut. */
function linesFor(labels: string[], marginLeft: number): number {
  const perLine = Math.max(4, Math.floor((marginLeft - 16) / (FONT_SIZE * CHAR)));
  return Math.max(1, ...labels.map((l) => wrap(l, perLine).length));
}

/** Greedy word wrap; a word longer than a line is split. */
function wrap(label: string, perLine: number): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= perLine) lines[lines.length - 1] = `${last} ${word}`;
    else for (let i = 0; i < word.length || i === 0; i += perLine) lines.push(word.slice(i, i + perLine));
  }
  return lines;
}

function labelAxis(marginLeft: number) {
  const perLine = Math.max(4, Math.floor((marginLeft - 16) / (FONT_SIZE * CHAR)));
  return Plot.axisY({ tickSize: 0, tickFormat: (d: string) => wrap(d, perLine).join('\n'), lineHeight: LINE_HEIGHT });
}

/** Row height that fits the wrapped labels with some air. */
const rowHeight = (lines: number) => Math.max(34, Math.ceil(lines * FONT_SIZE * LINE_HEIGHT + 14));

/** Counts have whole-number ticks only. */
const wholeTicks = (d: number) => (Number.isInteger(d) ? String(d) : '');

export function finish(svg: Element, description: string): string {
  // Plot labels its groups ("bar", "x-axis tick"); inside an image they mean nothing to assistive
  // technology, and aria-label on a plain <g> is not allowed.
  for (const part of svg.querySelectorAll('[aria-label], [aria-description]')) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', description);
  return svg.outerHTML;
}

/** "Title: A 40%, B 75%." A sentence a screen reader can read in place of the picture. */
export function describe(title: string, bars: { label: string; text: string }[], separator = ', '): string {
  if (bars.length === 0) return `${title}: no data yet.`;
  return `${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(separator)}.`;
}

/** The x range: the given one, or from the lowest value (or 0) to the highest, with room for the value labels. */
function xDomain(bars: Bar[], domain: [number, number] | undefined): [number, number] {
  if (domain) return domain;
  const lo = Math.min(0, ...bars.map((b) => b.value));
  const hi = Math.max(0, ...bars.map((b) => b.value));
  const pad = (hi - lo || 1) * 0.15;
  return [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
}

/** Horizontal bars, one per label, in the given order; '' when there is nothing to draw. */
export function barChart(bars: Bar[], options: BarChartOptions): string {
  if (bars.length === 0) return '';
  const format = options.format ?? String;
  const width = options.width ?? CHART_WIDTHS.narrow;
  const labels = bars.map((b) => b.label);
  const marginLeft = marginFor(labels, width);
  const below = bars.filter((b) => b.value < 0);
  const svg = Plot.plot({
    document: newDocument(),
    style: { fontSize: `${FONT_SIZE}px` },
    width,
    height: Math.max(100, bars.length * rowHeight(linesFor(labels, marginLeft)) + 72),
    marginLeft,
    marginRight: 48,
    marginBottom: 52,
    x: { domain: xDomain(bars, options.domain), label: options.axis, grid: true, labelOffset: 46 },
    y: { domain: labels, label: null },
    marks: [
      labelAxis(marginLeft),
      Plot.barX(bars, { x: 'value', y: 'label', fill: (b: Bar) => (b.value < 0 ? NEGATIVE_FILL : BAR_FILL) }),
      Plot.text(
        bars.filter((b) => b.value >= 0),
        { x: 'value', y: 'label', text: (b: Bar) => format(b.value), textAnchor: 'start', dx: 4 },
      ),
      Plot.text(below, { x: 'value', y: 'label', text: (b: Bar) => format(b.value), textAnchor: 'end', dx: -4 }),
      Plot.ruleX([0], { strokeWidth: below.length ? 2 : 1 }),
      ...(options.rule ? [Plot.ruleX([options.rule.value], { stroke: RULE_STROKE, strokeDasharray: '4 3' })] : []),
    ],
  }) as unknown as Element;
  const words = bars.map((b) => ({ label: b.label, text: format(b.value) }));
  const rule = options.rule ? ` ${options.rule.label}.` : '';
  const negative = below.length ? ' Bars left of zero are below zero.' : '';
  return finish(svg, describe(options.title, words) + rule + negative);
}

/**
 * Stacked horizontal bars: for each label, one segment per series (e.g. people per status in each
 * module). `colors` maps series to fills in order; the page draws the legend in HTML. '' when empty.
 */
export function stackedBarChart(
  segments: Segment[],
  options: { title: string; axis: string; series: string[]; colors: string[]; width?: number },
): string {
  if (segments.length === 0) return '';
  const labels = [...new Set(segments.map((s) => s.label))];
  const width = options.width ?? CHART_WIDTHS.narrow;
  const marginLeft = marginFor(labels, width);
  const svg = Plot.plot({
    document: newDocument(),
    style: { fontSize: `${FONT_SIZE}px` },
    width,
    height: Math.max(100, labels.length * rowHeight(linesFor(labels, marginLeft)) + 72),
    marginLeft,
    marginRight: 24,
    marginBottom: 52,
    x: { label: options.axis, grid: true, tickFormat: wholeTicks, labelOffset: 46 },
    y: { domain: labels, label: null },
    color: { domain: options.series, range: options.colors },
    marks: [
      labelAxis(marginLeft),
      Plot.barX(segments, { x: 'value', y: 'label', fill: 'series', order: options.series, stroke: 'white' }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  const words = labels.map((label) => ({
    label,
    text: options.series
      .map((series) => `${segments.find((s) => s.label === label && s.series === series)?.value ?? 0} ${series.toLowerCase()}`)
      .join(', '),
  }));
  return finish(svg, describe(options.title, words, '; '));
}
