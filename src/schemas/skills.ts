/**
 * The five skills the course trains. They are the only skill ids allowed in lessons, quizzes and scenarios,
 * and progress reports are broken down by them, so adding one is a product decision, not a content edit.
 */
import { z } from 'zod';

export const SKILLS = ['empathy', 'respect', 'feedback', 'tailoring', 'ownership'] as const;

export type Skill = (typeof SKILLS)[number];

/** How each skill is named on screen. */
export const SKILL_LABELS: Record<Skill, string> = {
  /** Understanding what a situation means for the other person, and showing them that you do. */
  empathy: 'Empathy',
  /** Treating every customer and colleague as worth your full attention, whatever their rank. */
  respect: 'Respect',
  /** Asking for, giving and acting on feedback, and closing the loop. */
  feedback: 'Feedback',
  /** Adjusting detail, words and channel to the person you are talking to. */
  tailoring: 'Tailored communication',
  /** Service mindset: reliability, follow-through, timeliness and quality. */
  ownership: 'Ownership',
};

/** A skill id as written in content: one of empathy, respect, feedback, tailoring, ownership. */
export const skillSchema = z.enum(SKILLS);
