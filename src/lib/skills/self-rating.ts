/** The self-rating form: one Likert statement per skill, read at the boundary. */
import { SKILLS, type Skill } from '../../schemas/skills.ts';

/** What the learner rates, in the first person: how often they do what the skill asks. */
export const STATEMENTS: Record<Skill, string> = {
  empathy: 'I work out what a situation means for the other person, and I let them know I have.',
  respect: 'I give each customer and colleague my full attention, whoever they are.',
  feedback: 'I ask for feedback, act on it, and tell people what changed because of it.',
  tailoring: 'I adjust the detail, the words and the channel to the person I am talking to.',
  ownership: 'I follow through on what I promise, on time, without being chased.',
};

/** The ratings given (1-5), skipping skills left blank; null when a value is not on the scale. */
export function parseSelfRatings(get: (name: string) => string): Partial<Record<Skill, number>> | null {
  const values: Partial<Record<Skill, number>> = {};
  for (const skill of SKILLS) {
    const raw = get(`rate:${skill}`);
    if (raw === '') continue;
    if (!/^[1-5]$/.test(raw)) return null;
    values[skill] = Number(raw);
  }
  return values;
}
