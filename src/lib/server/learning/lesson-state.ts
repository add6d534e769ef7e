/**
 * A learner's own values on a lesson page (see src/lib/lesson-shell.ts), read in three indexed
 * lookups with plain SQL on the reader (native prepared statements on a file, else the client).
 */
import type { LessonFill } from '../../lesson-shell.ts';
import type { Reader } from '../db/fast-read.ts';
import type { Db } from '../db/db.ts';
import { recordOpened, REOPEN_WRITE_INTERVAL_MS } from './progress.ts';

export interface LessonKey {
  moduleId: string;
  lessonId: string;
}

const PROGRESS = 'select completed_at, last_opened_at from lesson_progress where user_id = ? and module_id = ? and lesson_id = ?';
const REFLECTIONS = 'select reflection_id, body from journal_entries where user_id = ? and module_id = ? and lesson_id = ?';
const FEEDBACK = 'select rating, comment from lesson_feedback where user_id = ? and module_id = ? and lesson_id = ?';

export interface LessonState {
  fill: LessonFill;
  /** Last time the lesson was recorded as opened (ms), or null if never. */
  lastOpenedAt: number | null;
}

export async function lessonState(
  reader: Pick<Reader, 'all'>,
  user: { id: string; displayName: string },
  key: LessonKey,
): Promise<LessonState> {
  const args = [user.id, key.moduleId, key.lessonId];
  const [progress, reflections, feedback] = await Promise.all([
    reader.all(PROGRESS, args),
    reader.all(REFLECTIONS, args),
    reader.all(FEEDBACK, args),
  ]);
  const p = progress[0];
  const f = feedback[0];
  return {
    fill: {
      displayName: user.displayName,
      completed: p?.completed_at != null,
      reflections: new Map(reflections.map((r) => [String(r.reflection_id), String(r.body)])),
      feedback: f ? { rating: Number(f.rating), comment: f.comment == null ? '' : String(f.comment) } : null,
    },
    lastOpenedAt: p ? Number(p.last_opened_at) : null,
  };
}

/**
 * Records that the learner opened the lesson, only when the stored record is missing or stale:
 * most views then cost no write at all (recordOpened() applies the same interval to its upsert).
 */
export async function noteOpened(db: Db, userId: string, key: LessonKey, lastOpenedAt: number | null, now = new Date()) {
  if (lastOpenedAt !== null && now.getTime() - lastOpenedAt < REOPEN_WRITE_INTERVAL_MS) return;
  await recordOpened(db, userId, key.moduleId, key.lessonId, now);
}
