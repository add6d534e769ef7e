/**
 * The skill profile over time as a line chart drawn on the server (Observable Plot, as src/lib/insight/charts.ts
 * draws bars): one line per skill with a measured level, weeks along the bottom, 0-100 up the side. Pages set a
 * table of the same points beside it.
 */
import * as Plot from '@observablehq/plot';
import { CHART_WIDTHS, finish, newDocument } from '../insight/charts.ts';
import { SKILL_LABELS } from '../../schemas/skills.ts';
import type { SkillProfile } from './method.ts';

// Distinct for the colour-blind (Okabe-Ito) and dark enough on white; the labels at the line ends carry the names too.
const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00'];

const dayLabel = (d: Date) => d.toISOString().slice(5, 10);

/** '' when no skill has a level yet. */
export function levelsChart(profiles: readonly SkillProfile[], width: number = CHART_WIDTHS.narrow): string {
  const rows = profiles.flatMap((p) =>
    p.points.flatMap((pt) => (pt.level === null ? [] : [{ skill: SKILL_LABELS[p.skill], at: pt.at, level: pt.level }])),
  );
  if (rows.length === 0) return '';
  const skills = [...new Set(rows.map((r) => r.skill))];
  const last = skills.map((s) => rows.filter((r) => r.skill === s).at(-1)!);
  const svg = Plot.plot({
    document: newDocument(),
    style: { fontSize: '14px' },
    width,
    height: 300,
    marginRight: 120,
    marginBottom: 44,
    x: { type: 'utc', label: 'Week', tickFormat: dayLabel, ticks: 4 },
    y: { domain: [0, 100], label: 'Measured level (%)', grid: true },
    color: { domain: skills, range: COLORS },
    marks: [
      Plot.lineY(rows, { x: 'at', y: 'level', stroke: 'skill', strokeWidth: 2.5, marker: 'circle' }),
      Plot.text(last, { x: 'at', y: 'level', text: 'skill', fill: 'skill', textAnchor: 'start', dx: 8 }),
    ],
  }) as unknown as Element;
  const words = last.map((r) => `${r.skill} ${r.level}%`).join(', ');
  return finish(svg, `Measured skill levels by week, latest: ${words}.`);
}
