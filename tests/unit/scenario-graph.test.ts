import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { depths, drawGraphSvg, drawGraphText, findCycles, formatCycle, reachableIds } from '../../src/lib/scenario/graph.ts';
import { scenarioSchema, type Scenario } from '../../src/schemas/scenario.ts';

function load(name: string): Scenario {
  return scenarioSchema.parse(parse(readFileSync(`tests/fixtures/scenarios/${name}.yaml`, 'utf8')));
}

const s = load('valid');

describe('graph analysis', () => {
  it('measures the longest distance from start, so every arrow points down', () => {
    expect(Object.fromEntries(depths(s))).toEqual({ opening: 0, middle: 1, last: 2, fixed: 2, 'strong-end': 3, 'poor-end': 3 });
  });
  it('lists what can be reached from start', () => {
    expect(reachableIds(load('broken-unreachable-node')).has('orphan')).toBe(false);
    expect(reachableIds(s).has('poor-end')).toBe(true);
  });
  it('finds each loop with the choices that close it', () => {
    expect(findCycles(s)).toEqual([]);
    const cycles = findCycles(load('broken-cycle'));
    expect(cycles.map(formatCycle)).toEqual(['opening -> middle -> last -> opening']);
    expect(cycles[0]?.at(-1)).toEqual({ from: 'last', choiceId: 'start-over', to: 'opening' });
  });
  it('finds a node that leads to itself', () => {
    const copy = structuredClone(s);
    const middle = copy.nodes[1];
    if (!middle?.choices[1]) throw new Error('fixture changed');
    middle.choices[1].next = 'middle';
    expect(findCycles(copy).map(formatCycle)).toEqual(['middle -> middle']);
  });
  it('keeps depths finite on a loop', () => {
    const d = depths(load('broken-cycle'));
    expect(Math.max(...d.values())).toBeLessThanOrEqual(4);
  });
});

describe('drawGraphText', () => {
  it('outlines nodes by depth with their choices, scores and endings', () => {
    expect(drawGraphText(s)).toMatchInlineSnapshot(`
      "The late report
      start: opening

      opening (Sam, frustrated)
        own-it -> middle  [ownership +2, empathy +1]
        excuse -> middle  [ownership -1]
      middle (Sam, concerned)
        ask-needs -> last  [empathy +2]
        guess -> fixed (mixed ending)  [ownership +1]
      last (Sam, calm)
        deliver -> strong-end (strong ending)  [ownership +3]
        rush -> poor-end (poor ending)  [ownership -2]

      endings
        strong-end [strong] Ready for the client
        fixed [mixed] Buried in pages
        poor-end [poor] Too late
      "
    `);
  });
  it('flags missing targets and unreachable nodes', () => {
    const text = drawGraphText(load('broken-unknown-next'));
    expect(text).toContain('  ask-needs -> lsat (missing!)  [empathy +2]\n');
    expect(text).toContain('last (Sam, calm) (unreachable!)\n');
    expect(text).toContain('  strong-end [strong] Ready for the client (unreachable!)\n');
  });
});

describe('drawGraphSvg', () => {
  const svg = drawGraphSvg(s);
  it('is labelled for screen readers, with a title on every box and arrow', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="scenario-graph-title">/);
    expect(svg).toContain('<title id="scenario-graph-title">Map of the scenario &quot;The late report&quot;</title>');
    expect(svg.match(/<title>/g)).toHaveLength(3 + 3 + 6); // nodes, endings, choices
    expect(svg).toContain('<title>middle: ask-needs -&gt; last</title>');
    expect(svg).toContain('<title>opening: Sam (frustrated)</title>');
  });
  it('colours endings by outcome and marks the start', () => {
    expect(svg).toContain(
      '<title>strong-end: strong ending, Ready for the client</title><rect x="16" y="328" width="168" height="40" rx="6" fill="#dcfce7"',
    );
    expect(svg).toContain('<title>poor-end: poor ending, Too late</title><rect x="400" y="328"');
    expect(svg).toMatch(/<title>opening: [^<]*<\/title><rect [^>]*stroke-width="3"/);
    expect(svg).toMatch(/<title>middle: [^<]*<\/title><rect [^>]*stroke-width="1.5"/);
  });
  it('puts rows in depth order with the endings last', () => {
    const top = (id: string): number =>
      Number(new RegExp(`<title>${id}:[^<]*</title><rect x="[\\d.]+" y="(\\d+)"`).exec(svg)?.[1]);
    expect([top('opening'), top('middle'), top('last'), top('fixed')]).toEqual([16, 120, 224, 328]);
  });
  it('escapes text and keeps ids unique per drawing', () => {
    const copy = { ...s, title: 'Tom & <Jerry>' };
    const drawn = drawGraphSvg(copy, 'g2');
    expect(drawn).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(drawn).toContain('<marker id="g2-arrow"');
    expect(drawn).toContain('marker-end="url(#g2-arrow)"');
  });
  it('still draws a broken scenario', () => {
    const drawn = drawGraphSvg(load('broken-unreachable-node'));
    expect(drawn).toContain('<title>orphan: Sam</title>');
    expect(drawn.endsWith('</svg>')).toBe(true);
  });
});
