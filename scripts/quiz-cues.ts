// node scripts/quiz-cues.ts [runs]: how much a quiz gives away to a learner who reads the options
// rather than the question. Per quiz: how often the right single-choice option is the longest,
// the share of 'True' keys, pool against draw, giveaway words, and the mean score of a test-wise
// bot (longest option; 'False'; the longer-than-average options) over many random draws, graded
// by the real planner and grader, and of the reverse bot (shortest; 'True'; the shorter options), which
// catches the opposite cue. A trainer's tool: run it after writing or editing questions.
import { fileURLToPath } from 'node:url';
import { loadCourseFromDisk } from '../src/lib/content/course-fs.ts';
import { loadContent } from '../src/lib/content/load-fs.ts';
import { planAttempt } from '../src/lib/quiz/attempt.ts';
import { gradeAttempt, type Responses } from '../src/lib/quiz/grade.ts';
import type { Question, Quiz } from '../src/schemas/quiz.ts';

const ABSOLUTES = /\b(always|never|only|all|none)\b/i;
const HEDGES = /\b(can be|may|might|often|usually)\b/i;
const runs = Number(process.argv[2] ?? 2000);
const root = fileURLToPath(new URL('..', import.meta.url));
const course = loadCourseFromDisk(root);
// Read from every module.yaml, drafts included (the course above leaves drafts out), so draft quizzes get a bot too.
const passMarks = new Map(
  loadContent(root).modules.flatMap((m) => {
    const quiz = (m.data as { quiz?: { id: string; passMark: number } } | undefined)?.quiz;
    return quiz ? [[quiz.id, quiz.passMark] as const] : [];
  }),
);

type Option = { text: string; correct: boolean };
const len = (o: Option) => o.text.length;
const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)}%` : '-');

/** The answer a test-wise bot gives without reading the prompt. */
function botAnswer(q: Question, order: string[], reverse: boolean): Responses[string] | undefined {
  if (q.type === 'likert') return { type: 'likert', value: 3 };
  if (q.type === 'ordering') return { type: 'ordering', itemIds: order };
  if (q.type === 'truefalse') return { type: 'truefalse', optionIds: [reverse ? 'true' : 'false'] };
  const shown = order.map((id) => q.options.find((o) => o.id === id)!);
  if (q.type === 'single') {
    const longest = shown.reduce((a, b) => ((reverse ? len(b) < len(a) : len(b) > len(a)) ? b : a));
    return { type: 'single', optionIds: [longest.id] };
  }
  const mean = shown.reduce((s, o) => s + len(o), 0) / shown.length;
  return { type: 'multiple', optionIds: shown.filter((o) => (reverse ? len(o) < mean : len(o) > mean)).map((o) => o.id) };
}

function botMean(quiz: Quiz, passMark: number, reverse = false): number {
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const plan = planAttempt(quiz, `bot-${i}`);
    const responses: Responses = {};
    for (const p of plan.questions) {
      const answer = botAnswer(
        quiz.questions.find((q) => q.id === p.id)!,
        p.order,
        reverse,
      );
      if (answer) responses[p.id] = answer;
    }
    total += gradeAttempt(quiz, plan, responses, passMark).totals.percent;
  }
  return total / runs;
}

/** Whether `test` matches some wrong option and no right one (or the reverse with `inKey`). */
function onlyIn(options: Option[], test: RegExp, inKey: boolean): boolean {
  const hit = (o: Option) => test.test(o.text);
  const key = options.filter((o) => o.correct).some(hit);
  const wrong = options.filter((o) => !o.correct).some(hit);
  return inKey ? key && !wrong : wrong && !key;
}

interface Tally {
  single: number;
  longest: number;
  chance: number;
  over15: string[];
  multiLonger: number;
  multiple: number;
  tf: number;
  tfTrue: number;
  absolutes: string[];
  hedges: string[];
  maxRatio: number;
}

function tally(quiz: Quiz): Tally {
  const t: Tally = {
    single: 0,
    longest: 0,
    chance: 0,
    over15: [],
    multiLonger: 0,
    multiple: 0,
    tf: 0,
    tfTrue: 0,
    absolutes: [],
    hedges: [],
    maxRatio: 0,
  };
  for (const q of quiz.questions) {
    if (q.type === 'truefalse') {
      t.tf++;
      if (q.options.find((o) => o.correct)?.id === 'true') t.tfTrue++;
    }
    if (q.type !== 'single' && q.type !== 'multiple') continue;
    if (onlyIn(q.options, ABSOLUTES, false)) t.absolutes.push(q.id);
    if (onlyIn(q.options, HEDGES, true)) t.hedges.push(q.id);
    const right = q.options.filter((o) => o.correct);
    const wrong = q.options.filter((o) => !o.correct);
    if (q.type === 'multiple') {
      t.multiple++;
      const avg = (l: Option[]) => l.reduce((s, o) => s + len(o), 0) / l.length;
      if (avg(right) > avg(wrong)) t.multiLonger++;
      continue;
    }
    t.single++;
    t.chance += 1 / q.options.length;
    const longestWrong = Math.max(...wrong.map(len));
    if (len(right[0]!) > longestWrong) t.longest++;
    const ratio = len(right[0]!) / longestWrong;
    t.maxRatio = Math.max(t.maxRatio, ratio);
    if (ratio > 1.5) t.over15.push(q.id);
  }
  return t;
}

const total = { single: 0, longest: 0, chance: 0, tf: 0, tfTrue: 0, multiple: 0, multiLonger: 0 };
for (const [id, quiz] of [...course.quizzes].sort()) {
  const t = tally(quiz);
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += t[k];
  const graded = quiz.questions.filter((q) => q.type !== 'likert').length;
  const passMark = passMarks.get(id);
  const bot =
    passMark === undefined
      ? ''
      : ` | bot ${botMean(quiz, passMark).toFixed(1)}, reverse bot ${botMean(quiz, passMark, true).toFixed(1)} (pass ${passMark})`;
  console.log(
    `${id}: single longest ${t.longest}/${t.single} (${pct(t.longest, t.single)}, chance ${pct(t.chance, t.single)}), ` +
      `max ratio ${t.maxRatio.toFixed(2)}${t.over15.length ? ` >1.5: ${t.over15.join(',')}` : ''} | ` +
      `multiple key longer ${t.multiLonger}/${t.multiple} | T/F true ${t.tfTrue}/${t.tf} | pool ${graded} draw ${quiz.drawCount ?? graded} ` +
      `wait ${quiz.retakeWaitMinutes} max ${quiz.maxAttempts ?? '-'}` +
      `${t.absolutes.length ? ` | absolutes only in distractors: ${t.absolutes.join(',')}` : ''}` +
      `${t.hedges.length ? ` | hedges only in key: ${t.hedges.join(',')}` : ''}${bot}`,
  );
}
console.log(
  `\nCourse: single longest ${total.longest}/${total.single} (${pct(total.longest, total.single)}, chance ${pct(total.chance, total.single)}) | ` +
    `multiple key longer ${total.multiLonger}/${total.multiple} | T/F true ${total.tfTrue}/${total.tf} (${pct(total.tfTrue, total.tf)})`,
);
