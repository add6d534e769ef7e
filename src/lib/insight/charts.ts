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
}

export interface Segment {
  label: string;
  series: string;
  value: number;
}

const WIDTH = 480;
const FONT_SIZE = 14;
const ROW_HEIGHT = 34;
const BAR_FILL = '#1f5f8b';
const RULE_STROKE = '#a3231b';

function newDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

/** Room for the longest label, capped so the bars keep most of a phone's width; longer labels are cut. */
function marginFor(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(180, Math.max(60, Math.ceil(longest * FONT_SIZE * 0.6) + 16));
}

/** Labels longer than the margin are cut with an ellipsis; the table beside the chart has them whole. */
function shorten(label: string, marginLeft: number): string {
  const room = Math.floor((marginLeft - 16) / (FONT_SIZE * 0.6));
  return label.length <= room ? label : `${label.slice(0, room - 1).trimEnd()}…`;
}

function labelAxis(marginLeft: number) {
  return Plot.axisY({ tickSize: 0, tickFormat: (d: string) => shorten(d, marginLeft) });
}

/** Counts have whole-number ticks only. */
const wholeTicks = (d: number) => (Number.isInteger(d) ? String(d) : '');

function finish(svg: Element, description: string): string {
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

/** Horizontal bars, one per label, in the given order; '' when there is nothing to draw. */
export function barChart(bars: Bar[], options: BarChartOptions): string {
  if (bars.length === 0) return '';
  const format = options.format ?? String;
  const labels = bars.map((b) => b.label);
  const marginLeft = marginFor(labels);
  const svg = Plot.plot({
    document: newDocument(),
    style: { fontSize: `${FONT_SIZE}px` },
    width: WIDTH,
    height: Math.max(100, bars.length * ROW_HEIGHT + 72),
    marginLeft,
    marginRight: 48,
    marginBottom: 52,
    x: { domain: options.domain, label: options.axis, grid: true, labelOffset: 46 },
    y: { domain: labels, label: null },
    marks: [
      labelAxis(marginLeft),
      Plot.barX(bars, { x: 'value', y: 'label', fill: BAR_FILL }),
      Plot.text(bars, { x: 'value', y: 'label', text: (b: Bar) => format(b.value), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
      ...(options.rule ? [Plot.ruleX([options.rule.value], { stroke: RULE_STROKE, strokeDasharray: '4 3' })] : []),
    ],
  }) as unknown as Element;
  const words = bars.map((b) => ({ label: b.label, text: format(b.value) }));
  const rule = options.rule ? ` ${options.rule.label}.` : '';
  return finish(svg, describe(options.title, words) + rule);
}

/**
 * Stacked horizontal bars: for each label, one segment per series (e.g. people per status in each
 * module). `colors` maps series to fills in order; the page draws the legend in HTML. '' when empty.
 */
export function stackedBarChart(
  segments: Segment[],
  options: { title: string; axis: string; series: string[]; colors: string[] },
): string {
  if (segments.length === 0) return '';
  const labels = [...new Set(segments.map((s) => s.label))];
  const marginLeft = marginFor(labels);
  const svg = Plot.plot({
    document: newDocument(),
    style: { fontSize: `${FONT_SIZE}px` },
    width: WIDTH,
    height: Math.max(100, labels.length * ROW_HEIGHT + 72),
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
