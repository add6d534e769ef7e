import { describe, expect, it } from 'vitest';
import { fixtureCourse } from '../helpers/course-fixture.ts';
import { buildMatrix, type TeamFacts } from '../../src/lib/insight/matrix.ts';
import { applyFilter, filterQuery, parseDay, parseFilter } from '../../src/lib/insight/filters.ts';

const now = new Date(Date.UTC(2026, 10, 20, 12));
const people = ['ann', 'bob', 'cy'].map((id) => ({ id, displayName: id, email: `${id}@example.com` }));
const facts: TeamFacts = {
  lessons: [
    { userId: 'ann', moduleId: 'respect', opened: 1, completed: 1 },
    { userId: 'bob', moduleId: 'listen', opened: 1, completed: 0 },
  ],
  passedQuizzes: [],
  finishedScenarios: [],
  assignments: [
    { userId: 'ann', moduleId: 'respect', dueAt: new Date('2026-11-25T17:00:00Z') }, // completed
    { userId: 'bob', moduleId: 'listen', dueAt: new Date('2026-11-27T23:59:00Z') }, // in progress
    { userId: 'cy', moduleId: 'respect', dueAt: new Date('2026-11-19T09:00:00Z') }, // overdue
  ],
};
const matrix = buildMatrix(fixtureCourse(), people, facts, now);
const ids = ['listen', 'respect'];
const names = (m: typeof matrix) => m.rows.map((r) => r.person.id);
const params = (q: string) => parseFilter(new URLSearchParams(q), ids);

describe('matrix filters', () => {
  it('reads valid parameters and reports each bad one without using it', () => {
    expect(params('module=listen&status=overdue&due=2026-11-30')).toEqual({
      filter: { moduleId: 'listen', status: 'overdue', dueBy: '2026-11-30' },
      errors: [],
    });
    const bad = params('module=nope&status=late&due=2026-02-30');
    expect(bad.filter).toEqual({ moduleId: null, status: null, dueBy: null });
    expect(bad.errors).toHaveLength(3);
    expect(bad.errors[2]).toContain('2026-12-31');
    expect(params('module=&status=&due=')).toEqual({ filter: { moduleId: null, status: null, dueBy: null }, errors: [] });
  });

  it('accepts only real calendar days', () => {
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('26-1-1')).toBeNull();
    expect(parseDay('2026-11-30T00:00')).toBeNull();
  });

  it('keeps one module column when filtering by module', () => {
    const m = applyFilter(matrix, params('module=respect').filter);
    expect(m.modules.map((x) => x.id)).toEqual(['respect']);
    expect(m.rows.map((r) => r.cells.map((c) => c.status))).toEqual([['completed'], ['not-started'], ['overdue']]);
  });

  it('keeps people with a cell in the status, within the chosen module', () => {
    expect(names(applyFilter(matrix, params('status=not-started').filter))).toEqual(['ann', 'bob', 'cy']);
    expect(names(applyFilter(matrix, params('status=in-progress').filter))).toEqual(['bob']);
    expect(names(applyFilter(matrix, params('module=listen&status=completed').filter))).toEqual([]);
    expect(names(applyFilter(matrix, params('module=respect&status=completed').filter))).toEqual(['ann']);
  });

  it('keeps people with an unfinished module due by the end of the chosen day', () => {
    expect(names(applyFilter(matrix, params('due=2026-11-26').filter))).toEqual(['cy']);
    expect(names(applyFilter(matrix, params('due=2026-11-27').filter))).toEqual(['bob', 'cy']);
    // Status and due date must hold for the same module.
    expect(names(applyFilter(matrix, params('due=2026-11-27&status=in-progress').filter))).toEqual(['bob']);
    expect(names(applyFilter(matrix, params('due=2026-11-18').filter))).toEqual([]);
  });

  it('writes the filter back as a query string for the export link', () => {
    expect(filterQuery(params('module=listen&due=2026-11-30').filter)).toBe('?module=listen&due=2026-11-30');
    expect(filterQuery(params('').filter)).toBe('');
  });
});
