/**
 * Skill figures for a group, never a person: a team's (for its managers) and the whole course's (for
 * trainers). Each figure is the mean and spread of the current levels of the people measured in that skill,
 * shown only with at least three of them (groupFigures), so no figure is one person's level in disguise.
 * Self-ratings are not read here at all.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { users } from '../db/schema.ts';
import { evidenceOf, type Content } from './evidence.ts';
import { groupFigures, levelAt } from '../../skills/method.ts';
import { SKILLS, type Skill } from '../../../schemas/skills.ts';

export type GroupFigures = { skill: Skill; figures: ReturnType<typeof groupFigures> }[];

async function figuresOf(db: Db, ids: string[], content: Content, now: Date): Promise<GroupFigures> {
  const evidence = await evidenceOf(db, ids, content);
  return SKILLS.map((skill) => ({
    skill,
    figures: groupFigures(ids.map((id) => levelAt(evidence.get(id) ?? [], skill, now).level)),
  }));
}

/** The active members of a team (the caller has checked the viewer may see it). */
export async function teamSkillFigures(db: Db, teamId: string, content: Content, now = new Date()): Promise<GroupFigures> {
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true)));
  return figuresOf(
    db,
    members.map((m) => m.id),
    content,
    now,
  );
}

/** Every active learner in the organisation. */
export async function courseSkillFigures(db: Db, content: Content, now = new Date()): Promise<GroupFigures> {
  const learners = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'learner'), eq(users.active, true)));
  return figuresOf(
    db,
    learners.map((m) => m.id),
    content,
    now,
  );
}
