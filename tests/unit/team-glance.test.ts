import { describe, expect, it } from 'vitest';
import { byAttention, teamGlance } from '../../src/lib/insight/team-glance.ts';
import { summarise, type Cell, type Matrix } from '../../src/lib/insight/matrix.ts';

const now = new Date('2027-03-10T09:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
const cell = (status: Cell['status'], dueAt: Date | null): Cell => ({
  moduleId: 'm',
  status,
  progress: status === 'overdue' ? 'in-progress' : status,
  done: 0,
  total: 1,
  percent: 0,
  dueAt,
});

describe('a team at a glance', () => {
  it('counts overdue work, work due in the next seven days, and completion as the dashboard does', () => {
    const matrix: Matrix = {
      modules: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'B' },
      ],
      rows: [
        {
          person: { id: '1', displayName: 'One', email: '1@x.io' },
          cells: [cell('overdue', inDays(-1)), cell('in-progress', inDays(2))],
        },
        {
          person: { id: '2', displayName: 'Two', email: '2@x.io' },
          cells: [cell('completed', inDays(1)), cell('not-started', inDays(6.9))],
        },
        {
          person: { id: '3', displayName: 'Three', email: '3@x.io' },
          cells: [cell('not-started', inDays(8)), cell('not-started', null)],
        },
      ],
    };
    expect(teamGlance(matrix, summarise(matrix), now)).toEqual({ people: 3, overdue: 1, dueThisWeek: 2, completionRate: 16 });
  });

  it('puts the teams that need attention first', () => {
    const g = (overdue: number, dueThisWeek: number) => ({ people: 1, overdue, dueThisWeek, completionRate: 0 });
    const order = byAttention([
      { name: 'Calm', glance: g(0, 0) },
      { name: 'Busy', glance: g(0, 3) },
      { name: 'Late', glance: g(2, 0) },
      { name: 'Also calm', glance: g(0, 0) },
    ]).map((t) => t.name);
    expect(order).toEqual(['Late', 'Busy', 'Also calm', 'Calm']);
  });
});
