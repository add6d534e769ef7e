/**
 * The scenario as a graph: edges, reachability, cycles and depth (used by validation), and drawings of it for
 * authors. Every function here tolerates a broken graph (missing targets, loops), because authors look at the
 * drawing precisely when something is wrong.
 */
import type { Scenario, ScenarioNode } from '../../schemas/scenario.ts';

/** One choice seen as an arrow: node `from` --choice `choiceId`--> node or ending `to`. */
export interface Edge {
  from: string;
  choiceId: string;
  to: string;
}

export function nodeMap(s: Scenario): Map<string, ScenarioNode> {
  return new Map(s.nodes.map((n) => [n.id, n]));
}

export function edgesOf(node: ScenarioNode): Edge[] {
  return node.choices.map((c) => ({ from: node.id, choiceId: c.id, to: c.next }));
}

/**
 * Longest distance (in choices) from `start` to every reachable node and ending. Longest rather than shortest so
 * that in a drawing every arrow points downward. A loop would grow depths forever, so they are capped.
 */
export function depths(s: Scenario): Map<string, number> {
  const depth = new Map<string, number>([[s.start, 0]]);
  const cap = s.nodes.length;
  for (let pass = 0; pass <= cap; pass++) {
    let changed = false;
    for (const node of s.nodes) {
      const d = depth.get(node.id);
      if (d === undefined || d >= cap) continue;
      for (const { to } of edgesOf(node)) {
        if ((depth.get(to) ?? -1) < d + 1) {
          depth.set(to, d + 1);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return depth;
}

/** Ids of the nodes and endings a learner can reach from `start`. */
export function reachableIds(s: Scenario): Set<string> {
  return new Set(depths(s).keys());
}

/** Every loop in the graph, each as the arrows that close it (depth-first search; one loop per back edge). */
export function findCycles(s: Scenario): Edge[][] {
  const byId = nodeMap(s);
  const status = new Map<string, 'open' | 'done'>();
  const trail: Edge[] = [];
  const cycles: Edge[][] = [];
  const visit = (node: ScenarioNode): void => {
    status.set(node.id, 'open');
    for (const edge of edgesOf(node)) {
      const target = byId.get(edge.to);
      if (!target) continue;
      const seen = status.get(edge.to);
      if (seen === 'open') {
        const from = trail.findIndex((e) => e.from === edge.to);
        cycles.push([...trail.slice(from === -1 ? trail.length : from), edge]);
      } else if (!seen) {
        trail.push(edge);
        visit(target);
        trail.pop();
      }
    }
    status.set(node.id, 'done');
  };
  for (const node of s.nodes) if (!status.has(node.id)) visit(node);
  return cycles;
}

/** `opening -> pushback -> opening`, for messages about a loop. */
export function formatCycle(cycle: Edge[]): string {
  return [...cycle.map((e) => e.from), cycle.at(-1)?.to ?? ''].join(' -> ');
}

function scoreText(scores: Partial<Record<string, number>>): string {
  const parts = Object.entries(scores).map(([skill, n = 0]) => `${skill} ${n > 0 ? '+' : ''}${n}`);
  return parts.length ? `  [${parts.join(', ')}]` : '';
}

/** Nodes in the order a reader meets them: by depth from `start`, then as authored; unreachable ones last. */
function nodesInReadingOrder(s: Scenario, depth: Map<string, number>): ScenarioNode[] {
  const rank = (n: ScenarioNode): number => depth.get(n.id) ?? Number.MAX_SAFE_INTEGER;
  return s.nodes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i)
    .map(({ n }) => n);
}

/** An indented outline for authors: each node, its choices and where they lead; endings marked with their outcome. */
export function drawGraphText(s: Scenario): string {
  const depth = depths(s);
  const nodes = nodeMap(s);
  const endings = new Map(s.endings.map((e) => [e.id, e]));
  const target = (id: string): string => {
    const ending = endings.get(id);
    if (ending) return `${id} (${ending.outcome} ending)`;
    return nodes.has(id) ? id : `${id} (missing!)`;
  };
  const lines = [s.title, `start: ${s.start}`, ''];
  for (const node of nodesInReadingOrder(s, depth)) {
    const who = [node.speaker, node.mood].filter(Boolean).join(', ');
    lines.push(`${node.id} (${who})${depth.has(node.id) ? '' : ' (unreachable!)'}`);
    for (const c of node.choices) lines.push(`  ${c.id} -> ${target(c.next)}${scoreText(c.scores)}`);
  }
  lines.push('', 'endings');
  for (const e of s.endings) {
    const fallback = e.otherwise ? ` (requires ${JSON.stringify(e.requires ?? {})}, otherwise ${e.otherwise})` : '';
    const reached = depth.has(e.id) || s.endings.some((other) => other.otherwise === e.id);
    lines.push(`  ${e.id} [${e.outcome}] ${e.title}${fallback}${reached ? '' : ' (unreachable!)'}`);
  }
  return lines.join('\n') + '\n';
}

const BOX = { w: 168, h: 40, gapX: 24, gapY: 64, pad: 16 };
const COLOURS = {
  node: ['#eef2ff', '#4c51bf'],
  strong: ['#dcfce7', '#15803d'],
  mixed: ['#fef3c7', '#b45309'],
  poor: ['#fee2e2', '#b91c1c'],
} as const;

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Box {
  id: string;
  label: string;
  kind: keyof typeof COLOURS;
  x: number;
  y: number;
}

/** Rows: nodes by depth, then all endings in one row, then anything unreachable, so the story reads downward. */
function layout(s: Scenario): Box[] {
  const depth = depths(s);
  const rows: { id: string; label: string; kind: Box['kind'] }[][] = [];
  const put = (row: number, item: (typeof rows)[number][number]): void => void (rows[row] ??= []).push(item);
  const nodeRows = Math.max(0, ...s.nodes.map((n) => (depth.get(n.id) ?? -1) + 1));
  for (const n of nodesInReadingOrder(s, depth)) {
    const who = `${n.id}: ${n.speaker}${n.mood ? ` (${n.mood})` : ''}`;
    put(depth.get(n.id) ?? nodeRows + 1, { id: n.id, label: who, kind: 'node' });
  }
  for (const e of s.endings) {
    const label = `${e.id}: ${e.outcome} ending, ${e.title}`;
    put(depth.has(e.id) ? nodeRows : nodeRows + 1, { id: e.id, label, kind: e.outcome });
  }
  const widest = Math.max(...Array.from(rows, (r) => r?.length ?? 0));
  return rows.flatMap((row = [], r) => {
    const indent = ((widest - row.length) * (BOX.w + BOX.gapX)) / 2;
    const y = BOX.pad + r * (BOX.h + BOX.gapY);
    return row.map((item, i) => ({ ...item, x: BOX.pad + indent + i * (BOX.w + BOX.gapX), y }));
  });
}

function drawEdge(e: Edge, from: Box, to: Box, marker: string): string {
  const [x1, y1] = [from.x + BOX.w / 2, from.y + BOX.h];
  const [x2, y2] = [to.x + BOX.w / 2, to.y];
  const title = `<title>${xml(`${e.from}: ${e.choiceId} -> ${e.to}`)}</title>`;
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#6b7280" marker-end="url(#${marker})">${title}</line>`;
}

function drawBox(b: Box, isStart: boolean, marked: boolean): string {
  const [fill, stroke] = COLOURS[b.kind];
  const short = b.id.length > 22 ? `${b.id.slice(0, 21)}…` : b.id;
  // A box with a problem (the studio passes them) gets a dashed red outline and says so in its title.
  const outline = marked
    ? `stroke="#b91c1c" stroke-dasharray="6 3" stroke-width="3"`
    : `stroke="${stroke}" stroke-width="${isStart ? 3 : 1.5}"`;
  return (
    `<g${marked ? ' class="has-problem"' : ''}><title>${xml(`${marked ? 'Has a problem: ' : ''}${b.label}`)}</title>` +
    `<rect x="${b.x}" y="${b.y}" width="${BOX.w}" height="${BOX.h}" rx="6" fill="${fill}" ${outline}/>` +
    `<text x="${b.x + BOX.w / 2}" y="${b.y + BOX.h / 2 + 4}" text-anchor="middle" font-family="sans-serif" font-size="12">${xml(`${marked ? '⚠ ' : ''}${short}`)}</text></g>`
  );
}

/**
 * A layered SVG picture of the scenario: nodes by depth from `start`, endings coloured by outcome, a `<title>` on
 * every box and arrow for screen readers and hover. `idPrefix` keeps ids unique when several are on one page;
 * the nodes and endings in `marked` (the studio's, with problems) are outlined in dashed red.
 */
export function drawGraphSvg(s: Scenario, idPrefix = 'scenario-graph', marked: ReadonlySet<string> = new Set()): string {
  const boxes = layout(s);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const marker = `${idPrefix}-arrow`;
  const edges = s.nodes.flatMap(edgesOf).flatMap((e) => {
    const [from, to] = [byId.get(e.from), byId.get(e.to)];
    return from && to ? [drawEdge(e, from, to, marker)] : [];
  });
  const width = Math.max(...boxes.map((b) => b.x + BOX.w)) + BOX.pad;
  const height = Math.max(...boxes.map((b) => b.y + BOX.h)) + BOX.pad;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${idPrefix}-title">`,
    `<title id="${idPrefix}-title">${xml(`Map of the scenario "${s.title}"`)}</title>`,
    `<defs><marker id="${marker}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#6b7280"/></marker></defs>`,
    ...edges,
    ...boxes.map((b) => drawBox(b, b.id === s.start, marked.has(b.id))),
    '</svg>',
  ].join('\n');
}
