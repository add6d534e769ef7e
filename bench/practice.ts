// 7. The reply analyser (src/lib/practice): how often each detector agrees with the labelled replies, and the
// time to analyse one 120-word reply with every criterion, in this process with the language model loaded once.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import type { LabelledReply, Score } from '../src/lib/practice/accuracy.ts';
import { percentile, ROOT, type Options } from './lib.ts';
import { ms, verdict, type Section, type Table } from './report.ts';

const WORDS = 120;
const AIM_P99_MS = 20;

type Accuracy = typeof import('../src/lib/practice/accuracy.ts');

function accuracyTable({ FINDING, FLOORS }: Accuracy, caption: string, scores: Score[]): Table {
  return {
    caption,
    head: ['criterion', 'finding', 'precision', 'recall', 'found', 'wrongly', 'missed', 'floor P/R'],
    rows: scores.map((s) => [
      s.criterion,
      FINDING[s.criterion],
      s.precision.toFixed(2),
      s.recall.toFixed(2),
      s.truePositive,
      s.falsePositive,
      s.falseNegative,
      `${FLOORS[s.criterion].precision}/${FLOORS[s.criterion].recall}`,
    ]),
  };
}

/** 120-word replies made of the labelled replies of one situation, run together and cut at the 120th word. */
function longReplies(replies: readonly LabelledReply[]): LabelledReply[] {
  const bySituation = Map.groupBy(replies, (r) => r.file);
  return [...bySituation.values()].flatMap((group) => {
    const words = group.flatMap((r) => r.text.split(/\s+/));
    const out: LabelledReply[] = [];
    for (let i = 0; i + WORDS <= words.length; i += WORDS) out.push({ ...group[0]!, text: words.slice(i, i + WORDS).join(' ') });
    return out;
  });
}

export async function benchPractice(options: Options): Promise<Section> {
  const t0 = performance.now();
  // Imported here, not at the top, so the one-off cost of loading the language model is measured.
  const { analyseReply, CRITERIA } = await import('../src/lib/practice/index.ts');
  const load = performance.now() - t0;
  const accuracy = await import('../src/lib/practice/accuracy.ts');
  const { loadLabelledReplies } = await import('../src/lib/practice/accuracy-fs.ts');
  const dir = join(ROOT, 'tests/fixtures/replies');
  const tune = loadLabelledReplies(join(dir, 'tune'));
  const heldOut = loadLabelledReplies(join(dir, 'held-out'));
  const long = longReplies([...tune, ...heldOut]);
  const analyse = (r: LabelledReply) => analyseReply(r.text, { listener: r.listener, channel: r.channel, criteria: CRITERIA });
  for (const r of long.slice(0, 5)) analyse(r); // warm-up: the first calls compile the phrase patterns
  const rounds = options.quick ? 3 : 20;
  const times: number[] = [];
  const cpu: number[] = [];
  const busy = loadavg()[0]!;
  for (let round = 0; round < rounds; round++)
    for (const r of long) {
      const start = performance.now();
      const used = process.cpuUsage();
      analyse(r);
      const spent = process.cpuUsage(used);
      times.push(performance.now() - start);
      cpu.push((spent.user + spent.system) / 1000);
    }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  return {
    title: 'Reply analyser: accuracy and time per reply',
    method: [
      `Accuracy: every labelled reply in tests/fixtures/replies (${tune.length} tuned on, ${heldOut.length} held out) analysed with all nine criteria and compared with its labels (docs/reply-feedback.md). Precision and recall are of each detector's finding.`,
      `Time: ${long.length} replies of exactly ${WORDS} words (labelled replies of one situation run together), each analysed ${rounds} times with all nine criteria after a warm-up, timed one call at a time in this process.`,
    ],
    tables: [
      accuracyTable(
        accuracy,
        `All ${tune.length + heldOut.length} labelled replies`,
        accuracy.scoreReplies([...tune, ...heldOut]),
      ),
      accuracyTable(
        accuracy,
        `Held out: ${heldOut.length} replies from situations the detectors were not tuned on`,
        accuracy.scoreReplies(heldOut),
      ),
      {
        caption: `Time to analyse one ${WORDS}-word reply (ms); model load is the one-off import of the analyser`,
        head: ['measure', 'calls', 'p50', 'p95', 'p99', 'max', 'model load (once)'],
        rows: [
          [
            'wall clock',
            times.length,
            ms(percentile(times, 50)),
            ms(percentile(times, 95)),
            ms(p99),
            ms(times[times.length - 1]!),
            ms(load, 0),
          ],
          [
            'CPU time',
            cpu.length,
            ms(percentile(cpu, 50)),
            ms(percentile(cpu, 95)),
            ms(percentile(cpu, 99)),
            ms(cpu[cpu.length - 1]!),
            '',
          ],
        ],
      },
    ],
    findings: [
      `p99 ${ms(p99)} ms wall clock per ${WORDS}-word reply against an aim of ${AIM_P99_MS} ms: ${verdict(p99 < AIM_P99_MS)} (load average ${busy.toFixed(1)} on this machine's cores when timing started; CPU time p99 ${ms(percentile(cpu, 99))} ms shows the work itself).`,
    ],
  };
}
