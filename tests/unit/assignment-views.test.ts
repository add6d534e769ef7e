import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDisk } from '../../src/lib/content/catalog-fs.ts';
import { listAssignments, splitHistory } from '../../src/lib/insight/assignment-list.ts';
import { learnerDigest, managerDigest, reminderMail } from '../../src/lib/insight/digest-mail.ts';
import { moduleCompletedAt, NO_TIMES } from '../../src/lib/insight/completion.ts';
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

describe('completion dates and the history', () => {
  const alpha = catalog[0]!;
  const at = (d: string) => new Date(`${d}T12:00:00Z`);
  const times = {
    lessons: new Map([
      ['alpha/first-lesson', at('2027-03-01')],
      ['alpha/second-lesson', at('2027-03-04')],
    ]),
    quizzes: new Map([['alpha-quiz', at('2027-03-06')]]),
    scenarios: new Map([['alpha-talk', at('2027-03-05')]]),
  };

  it('dates a module by the last of its requirements, and not at all while one is missing', () => {
    expect(moduleCompletedAt(alpha, times)).toEqual(at('2027-03-06'));
    expect(moduleCompletedAt(alpha, { ...times, scenarios: new Map() })).toBeNull();
    expect(moduleCompletedAt(alpha, NO_TIMES)).toBeNull();
  });

  it('moves finished work to the history, most recently completed first', () => {
    const people = new Map<string, LearnerFacts>([
      ['bob', { lessons: [], passedQuizzes: new Set(), finishedScenarios: new Set() }],
    ]);
    const done: LearnerFacts = {
      lessons: ['first-lesson', 'second-lesson'].map((lessonId) => ({
        moduleId: 'alpha',
        lessonId,
        firstOpenedAt: now,
        lastOpenedAt: now,
        completedAt: now,
      })),
      passedQuizzes: new Set(['alpha-quiz']),
      finishedScenarios: new Set(['alpha-talk']),
    };
    people.set('ann', done).set('cy', done);
    const rows = ['ann', 'bob', 'cy'].map((userId) => ({
      id: userId,
      userId,
      moduleId: 'alpha',
      dueAt: day('2027-03-20'),
      person: { displayName: userId, teamName: 'Support' },
    }));
    const later = { ...times, quizzes: new Map([['alpha-quiz', at('2027-03-08')]]) };
    const all = listAssignments(
      rows,
      catalog,
      people,
      now,
      new Map([
        ['ann', times],
        ['cy', later],
      ]),
    );
    const { current, history } = splitHistory(all);
    expect(current[0]!.assignments.map((a) => a.id)).toEqual(['bob']);
    expect(history[0]!.assignments.map((a) => [a.id, a.completedAt])).toEqual([
      ['cy', at('2027-03-08')],
      ['ann', at('2027-03-06')],
    ]);
  });
});

describe('digest mail', () => {
  it('reminds one person of one module, with the sender and a link', () => {
    const mail = reminderMail(
      { email: 'ann@example.com', displayName: 'Ann Lee' },
      { title: 'Alpha module', moduleId: 'alpha', dueAt: day('2027-03-08'), overdue: true },
      'Priya Shah',
      'https://learn.example.com',
    );
    expect(mail.subject).toBe('Reminder: Alpha module was due 8 March 2027');
    expect(mail.text).toContain('Priya Shah sent you a reminder: the module “Alpha module” was due 8 March 2027.');
    expect(mail.text).toContain('https://learn.example.com/modules/alpha');
  });

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
