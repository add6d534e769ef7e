/**
 * The manager dashboard: which teams and people an actor may see, and the figures of one team.
 * Every page and export under /team asks `visibleTeam` or `visiblePerson` first; both answer
 * `undefined` alike for "does not exist" and "not yours", so tampered ids reveal nothing.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db.ts';
import { teamManagers, teams, users } from '../db/schema.ts';
import { managedTeamIds } from '../people/teams.ts';
import { can, canSeeTeam, type Actor } from '../../auth/permissions.ts';
import type { CourseFacts } from '../../insight/course.ts';
import { buildMatrix, summarise, type Matrix, type MatrixSummary } from '../../insight/matrix.ts';
import { quizStats, skillStats, type QuizStat, type SkillStat } from '../../insight/team-stats.ts';
import { scopeFacts, skillAggregates, teamMembers } from './dashboard-queries.ts';
import { byAttention, teamGlance } from '../../insight/team-glance.ts';

export interface Viewer extends Actor {
  id: string;
}

export interface TeamListing {
  id: string;
  name: string;
  /** Active members. */
  people: number;
}

// Written out in SQL: in a single-table select drizzle renders teams.id unqualified ("id"), which inside this
// subquery would silently mean users.id and count nothing.
const activeMembers = sql<number>`(select count(*) from users as member where member.team_id = "teams"."id" and member.active = 1)`;

/** The teams on the actor's dashboard: all of them for admins, the managed ones for managers, none otherwise. */
export async function visibleTeams(db: Db, viewer: Viewer): Promise<TeamListing[]> {
  const columns = { id: teams.id, name: teams.name, people: activeMembers.mapWith(Number) };
  if (can(viewer, 'org:manage')) return db.select(columns).from(teams).orderBy(asc(teams.name));
  if (!can(viewer, 'team:manage')) return [];
  return db
    .select(columns)
    .from(teams)
    .innerJoin(teamManagers, eq(teamManagers.teamId, teams.id))
    .where(eq(teamManagers.userId, viewer.id))
    .orderBy(asc(teams.name));
}

async function mayOpen(db: Db, viewer: Viewer, teamId: string): Promise<boolean> {
  if (can(viewer, 'org:manage')) return true;
  if (!can(viewer, 'team:manage')) return false;
  return canSeeTeam(viewer, teamId, await managedTeamIds(db, viewer.id));
}

/** The team, if it exists and the actor may see it. */
export async function visibleTeam(db: Db, viewer: Viewer, teamId: string): Promise<{ id: string; name: string } | undefined> {
  if (!(await mayOpen(db, viewer, teamId))) return undefined;
  const [team] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return team;
}

export interface VisiblePerson {
  id: string;
  displayName: string;
  email: string;
  active: boolean;
  team: { id: string; name: string };
}

/** A person in a team the actor may see. People outside every team are on nobody's dashboard. */
export async function visiblePerson(db: Db, viewer: Viewer, userId: string): Promise<VisiblePerson | undefined> {
  const [row] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      active: users.active,
      team: { id: teams.id, name: teams.name },
    })
    .from(users)
    .innerJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, userId));
  if (!row || !(await mayOpen(db, viewer, row.team.id))) return undefined;
  return row;
}

export interface TeamDashboard {
  matrix: Matrix;
  summary: MatrixSummary;
  quizzes: QuizStat[];
  skills: SkillStat[];
}

/** The whole team's figures in six grouped queries, whatever the team's size. */
export async function teamDashboard(db: Db, teamId: string, course: CourseFacts, now = new Date()): Promise<TeamDashboard> {
  const scope = { teamId };
  const [people, { facts, quizzes }, skills] = await Promise.all([
    teamMembers(db, teamId),
    scopeFacts(db, scope, course.modules),
    skillAggregates(db, scope),
  ]);
  const matrix = buildMatrix(course.modules, people, facts, now);
  return {
    matrix,
    summary: summarise(matrix),
    quizzes: quizStats(course.modules, quizzes),
    skills: skillStats(skills, course.best),
  };
}

/** At most this many teams on a manager's home page; the rest are one click away on /team. */
export const HOME_TEAMS = 6;

/** The teams `userId` manages (not every team, even for an admin), each at a glance, most urgent first. */
export async function managedTeamsAtGlance(db: Db, userId: string, course: CourseFacts, now = new Date()) {
  const managed = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .innerJoin(teamManagers, eq(teamManagers.teamId, teams.id))
    .where(eq(teamManagers.userId, userId))
    .orderBy(asc(teams.name));
  const glances = await Promise.all(
    managed.slice(0, HOME_TEAMS).map(async (team) => {
      const { matrix, summary } = await teamDashboard(db, team.id, course, now);
      return { ...team, glance: teamGlance(matrix, summary, now) };
    }),
  );
  return { teams: byAttention(glances), total: managed.length };
}
