import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { listAssignments } from '../../src/lib/insight/assignment-list.ts';
import { learnerDigest, managerDigest } from '../../src/lib/insight/digest-mail.ts';
import type { LearnerFacts } from '../../src/lib/progress/rules.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/content-base');
const catalog = loadCatalogFromDisk(FIXTURE);
const now = new Date('2027-03-10T09:00:00Z');
const day = (d: string) => new Date(`${d}T23:59:59.999Z`);

describe('the catalog read from disk', () => {
  it('has the modules, lessons in order, quiz and scenarios that the site builds', () => {
    expect(catalog.map((m) => m.id)).toEqual(['alpha']);
    expect(catalog[0]!.lessons.map((l) => l.id)).toEqual(['first-lesson', 'second-lesson']);
    expect(catalog[0]!.quiz).toEqual({ id: 'alpha-quiz', passMark: 70 });
    expect(catalog[0]!.scenarioIds).toEqual(['alpha-talk']);
  });
  it('leaves drafts out unless asked for them', () => {
    const real = loadCatalogFromDisk(join(import.meta.dirname, '../..'));
    expect(real.map((m) => m.id)).not.toContain('coaching-conversations');
    expect(loadCatalogFromDisk(join(import.meta.dirname, '../..'), { includeDrafts: true }).map((m) => m.id)).toContain(
      'coaching-conversations',
    );
  });
});

describe('the assignments list', () => {
  const lessonDone = (lessonId: string) => ({
    moduleId: 'alpha',
    lessonId,
    firstOpenedAt: now,
    lastOpenedAt: now,
    completedAt: now,
  });
  const facts = new Map<string, LearnerFacts>([
    ['ann', { lessons: [lessonDone('first-lesson')], passedQuizzes: new Set(), finishedScenarios: new Set() }],
    [
      'bob',
      {
        lessons: [lessonDone('first-lesson'), lessonDone('second-lesson')],
        passedQuizzes: new Set(['alpha-quiz']),
        finishedScenarios: new Set(['alpha-talk']),
      },
    ],
  ]);
  const row = (id: string, userId: string, name: string, team: string | null, moduleId: string, due: string) => ({
    id,
    userId,
    moduleId,
    dueAt: day(due),
    person: { displayName: name, teamName: team },
  });

  it('groups by team (no team last), shows progress and puts urgent work first', () => {
    const groups = listAssignments(
      [
        row('1', 'bob', 'Bob', 'Support', 'alpha', '2027-03-01'),
        row('2', 'ann', 'Ann', 'Support', 'alpha', '2027-03-11'),
        row('3', 'cy', 'Cy', null, 'alpha', '2027-03-05'),
        row('4', 'ann', 'Ann', 'Support', 'retired-module', '2027-03-09'),
        row('5', 'dee', 'Dee', 'Billing', 'alpha', '2027-05-01'),
      ],
      catalog,
      facts,
      now,
    );
    expect(groups.map((g) => g.teamName)).toEqual(['Billing', 'Support', null]);
    expect(groups[1]!.assignments.map((a) => [a.id, a.due, a.done, a.total])).toEqual([
      ['4', 'overdue', 0, 0],
      ['2', 'due-soon', 1, 4],
      ['1', 'done', 4, 4],
    ]);
    expect(groups[1]!.assignments[0]).toMatchObject({ title: 'retired-module', published: false });
    expect(groups[2]!.assignments[0]).toMatchObject({ personName: 'Cy', title: 'Alpha module', due: 'overdue' });
  });
});

describe('digest mail', () => {
  it('lists a learner’s work without links when there is no public origin', () => {
    const mail = learnerDigest({ email: 'ann@example.com', displayName: 'Ann Lee' }, [
      { moduleId: 'alpha', title: 'Alpha module', dueAt: day('2027-03-11'), due: 'due-soon' },
    ]);
    expect(mail).toEqual({
      to: 'ann@example.com',
      subject: 'Your assigned training: 1 due soon',
      text: [
        'Hello Ann,',
        '',
        '1 module assigned to you needs your attention.',
        '',
        'Due within three days:',
        '- Alpha module, due 11 March 2027',
        '',
        'Sign in to Rapport to continue.',
        '',
        'You receive this digest at most once a day, while assigned work is due soon or overdue.',
      ].join('\n'),
    });
  });

  it('lists a manager’s overdue work under each team', () => {
    const mail = managerDigest(
      { email: 'pat@example.com', displayName: 'Pat' },
      [
        { personName: 'Ann', teamName: 'Billing', title: 'Alpha module', dueAt: day('2027-03-01') },
        { personName: 'Bob', teamName: 'Support', title: 'Alpha module', dueAt: day('2027-03-02') },
      ],
      'https://learn.example.com',
    );
    expect(mail.subject).toBe('Overdue training in your teams: 2 assignments');
    expect(mail.text).toContain(
      'Billing\n- Ann: Alpha module, was due 1 March 2027\n\nSupport\n- Bob: Alpha module, was due 2 March 2027\n\nSee every assignment: https://learn.example.com/assignments',
    );
  });
});
