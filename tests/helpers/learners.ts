// Many learners at once over HTTP: bounded concurrency, learners made straight in the database, and
// readers for the quiz and role-play forms so a client can answer them the way a browser would.
import { parseHTML } from 'linkedom';
import type { Db } from '../../src/lib/server/db/db.ts';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session.ts';
import { createUser } from '../../src/lib/server/people/users.ts';

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface Learner {
  id: string;
  email: string;
  cookie: string;
}

/** `count` learners without passwords (nobody signs in as them) and a session cookie for each. */
export async function createLearners(db: Db, count: number, prefix: string): Promise<Learner[]> {
  const learners: Learner[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}-${i}@example.com`;
    const user = await createUser(db, { email, displayName: `${prefix} ${i}`, role: 'learner' });
    const { token } = await createSession(db, user.id);
    learners.push({ id: user.id, email, cookie: `${SESSION_COOKIE}=${token}` });
  }
  return learners;
}

/** A same-origin form post with repeated names allowed (checkbox questions send several values). */
export function postEntries(origin: string, path: string, entries: [string, string][], cookie: string): Promise<Response> {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    body: new URLSearchParams(entries),
    headers: { origin, cookie },
    redirect: 'manual',
  });
}

export interface QuizForm {
  attemptId: string;
  questionCount: number;
  /** A complete, valid set of answers: the first option of each choice question, orderings as listed. */
  entries: [string, string][];
}

/** Reads the open attempt's form from a quiz page; undefined when the page shows no form. */
export function readQuizForm(html: string): QuizForm | undefined {
  const { document } = parseHTML(html);
  const form = document.querySelector('form[data-quiz-form]');
  const attemptId = form?.querySelector('input[name="attemptId"]')?.getAttribute('value');
  if (!form || !attemptId) return undefined;
  const entries: [string, string][] = [['attemptId', attemptId]];
  const questions = [...form.querySelectorAll('fieldset.question')];
  for (const fieldset of questions) {
    const first = fieldset.querySelector('input[type="radio"], input[type="checkbox"]');
    if (first) entries.push([first.getAttribute('name')!, first.getAttribute('value')!]);
    fieldset.querySelectorAll('select').forEach((select: Element, position: number) => {
      entries.push([select.getAttribute('name')!, String(position + 1)]);
    });
  }
  return { attemptId, questionCount: questions.length, entries };
}

export interface ScenarioChoice {
  runId: string;
  nodeId: string;
  choiceId: string;
}

/** The first choice offered on a role-play page, or undefined when no decision is waiting. */
export function readFirstChoice(html: string): ScenarioChoice | undefined {
  const { document } = parseHTML(html);
  const form = document.querySelector('form[data-scenario-form]');
  if (!form) return undefined;
  const value = (name: string) => form.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '';
  return { runId: value('runId'), nodeId: value('nodeId'), choiceId: value('choiceId') };
}

/** One number from a `select count(*) as n ...` query. */
export async function count(db: Db, sql: string, args: (string | number)[] = []): Promise<number> {
  const result = await db.$client.execute({ sql, args });
  return Number(result.rows[0]?.n ?? 0);
}
