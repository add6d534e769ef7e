/**
 * Reply practice in the demo organisation (decision 023), so the trainers' insight pages for prompts have
 * figures from the first sign-in. Written through the app's own write functions with the real analyser: some
 * learners send a short first draft (the opening of a model reply, which misses part of the rubric) and revise
 * it into a full reply; a few share their latest version or say a piece of feedback was wrong. What a draft
 * missed becomes review cards, as for any learner (decision 024), due at first sign-in. Its own seeded
 * generator, so adding it changed nothing else the demo draws.
 */
import type { DiskCourse } from '../../content/course-fs.ts';
import type { Db } from '../db/db.ts';
import { analysePracticeReply } from '../../practice/prompt-analysis.ts';
import { disagree, setShared, submitReply } from '../practice/replies.ts';

const DAY = 86_400_000;
const NOTES = ['I did say what it cost them, in my second sentence.', '', 'The time is in my reply: "by Friday".'];

/** The first `n` sentences of a reply: a draft that stops before the plan. */
function opening(reply: string, n: number): string {
  return (reply.match(/[^.!?]+[.!?]+/g) ?? [reply]).slice(0, n).join('').trim();
}

export async function seedDemoPractice(db: Db, course: DiskCourse, learnerIds: string[], random: () => number, now: Date) {
  for (const userId of learnerIds) {
    for (const prompt of course.practice.values()) {
      if (random() > 0.3) continue;
      const model = prompt.models[Math.floor(random() * prompt.models.length)]!.reply;
      let at = now.getTime() - Math.floor((2 + random() * 14) * DAY);
      const draft = opening(model, 1 + Math.floor(random() * 2));
      const first = await submitReply(
        db,
        userId,
        prompt,
        draft,
        analysePracticeReply(prompt, draft),
        crypto.randomUUID(),
        new Date(at),
      );
      const missed = first.analysis.criteria.find((c) => !c.met);
      if (missed && random() < 0.2)
        await disagree(db, first, missed.id, false, NOTES[Math.floor(random() * NOTES.length)]!, new Date(at));
      let latest = first;
      if (random() < 0.65) {
        at += Math.floor(random() * DAY);
        latest = await submitReply(
          db,
          userId,
          prompt,
          model,
          analysePracticeReply(prompt, model),
          crypto.randomUUID(),
          new Date(at),
        );
      }
      if (random() < 0.2) await setShared(db, userId, latest.id, true, new Date(at));
    }
  }
}
