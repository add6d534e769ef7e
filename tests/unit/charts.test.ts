import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { barChart, describe as describeChart, stackedBarChart } from '../../src/lib/insight/charts.ts';

const parse = (svg: string) => parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document;

describe('server-drawn charts', () => {
  it('draws one bar per value in an SVG that is an image named by its values', () => {
    const svg = barChart(
      [
        { label: 'Listening', value: 40 },
        { label: 'Respect', value: 75 },
      ],
      { title: 'Completion by module', axis: 'Completed (%)', domain: [0, 100], format: (v) => `${v}%` },
    );
    const doc = parse(svg);
    const root = doc.querySelector('svg')!;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe('Completion by module: Listening 40%, Respect 75%.');
    expect(doc.querySelectorAll('rect')).toHaveLength(2);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['40%', '75%']));
  });

  it('escapes labels written by people, in text and in the label attribute', () => {
    const evil = '<script>alert(1)</script>" onload="x';
    const svg = barChart([{ label: evil, value: 1 }], { title: 'T', axis: 'A' });
    const doc = parse(svg);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelector('svg')!.getAttribute('onload')).toBeNull();
    expect(doc.querySelector('svg')!.getAttribute('aria-label')).toBe(`T: ${evil} 1.`);
  });

  it('wraps long labels whole on the axis instead of cutting them', () => {
    const long = 'Who your customers are, inside and outside the organisation';
    const doc = parse(barChart([{ label: long, value: 3 }], { title: 'T', axis: 'A' }));
    const tick = [...doc.querySelectorAll('text')].find((t) => t.querySelector('tspan'))!;
    const lines = [...tick.querySelectorAll('tspan')].map((t) => t.textContent);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(long);
    expect(doc.querySelector('svg')!.textContent).not.toContain('…');
  });

  it('draws a value below zero in another colour, left of the zero line, and says so', () => {
    const svg = barChart(
      [
        { label: 'Empathy', value: -20 },
        { label: 'Respect', value: 40 },
      ],
      { title: 'Skills', axis: 'Share (%)', format: (v) => `${v}%` },
    );
    const doc = parse(svg);
    expect([...doc.querySelectorAll('rect')].map((r) => r.getAttribute('fill'))).toEqual(['#a3231b', '#1f5f8b']);
    const label = [...doc.querySelectorAll('text')].find((t) => t.textContent === '-20%')!;
    expect(label.getAttribute('text-anchor') ?? label.parentElement!.getAttribute('text-anchor')).toBe('end');
    expect(doc.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Skills: Empathy -20%, Respect 40%. Bars left of zero are below zero.',
    );
  });

  it('draws at the width asked for, so a wide card is filled', () => {
    const width = (w: number) =>
      parse(barChart([{ label: 'A', value: 1 }], { title: 'T', axis: 'A', width: w }))
        .querySelector('svg')!
        .getAttribute('width');
    expect([width(420), width(1040)]).toEqual(['420', '1040']);
  });

  it('stacks one segment per series and names every count', () => {
    const svg = stackedBarChart(
      [
        { label: 'Listening', series: 'Completed', value: 2 },
        { label: 'Listening', series: 'Overdue', value: 1 },
        { label: 'Respect', series: 'Completed', value: 3 },
      ],
      { title: 'Status', axis: 'People', series: ['Completed', 'Overdue'], colors: ['#1e6b3a', '#a3231b'] },
    );
    const doc = parse(svg);
    expect(doc.querySelector('svg')!.getAttribute('aria-label')).toBe(
      'Status: Listening 2 completed, 1 overdue; Respect 3 completed, 0 overdue.',
    );
    expect([...doc.querySelectorAll('rect')].map((r) => r.getAttribute('fill'))).toEqual(['#1e6b3a', '#a3231b', '#1e6b3a']);
  });

  it('draws nothing rather than an empty frame when there is no data', () => {
    expect(barChart([], { title: 'Skills', axis: 'A' })).toBe('');
    expect(stackedBarChart([], { title: 'S', axis: 'A', series: [], colors: [] })).toBe('');
    expect(describeChart('Skills', [])).toBe('Skills: no data yet.');
  });

  it('leaves no ARIA labels on the parts of the image', () => {
    const doc = parse(barChart([{ label: 'A', value: 1 }], { title: 'T', axis: 'A', rule: { value: 1, label: 'R' } }));
    expect(doc.querySelectorAll('[aria-label]')).toHaveLength(1);
  });
});
