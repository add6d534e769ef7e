/**
 * The text of the daily reminder digests: one for a learner with work due soon or overdue, one for
 * a manager listing their teams' overdue work. Plain text, so every mail client shows it the same.
 */
import { formatDueDate } from './due.ts';
import { DEFAULT_CLOCK, type Clock } from '../dates.ts';

export interface DigestMail {
  to: string;
  subject: string;
  text: string;
}

export interface Recipient {
  email: string;
  displayName: string;
}

export interface LearnerDigestItem {
  moduleId: string;
  title: string;
  dueAt: Date;
  due: 'overdue' | 'due-soon';
}

export interface OverdueItem {
  personName: string;
  teamName: string;
  title: string;
  dueAt: Date;
}

const firstName = (r: Recipient) => r.displayName.split(' ')[0] || r.displayName;
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function learnerLines(items: LearnerDigestItem[], heading: string, origin: string | undefined, clock: Clock): string[] {
  if (items.length === 0) return [];
  const lines = items.flatMap((i) => {
    const day = formatDueDate(i.dueAt, clock);
    const when = i.due === 'overdue' ? `was due ${day}` : `due ${day}`;
    return [`- ${i.title}, ${when}`, ...(origin ? [`  ${origin}/modules/${i.moduleId}`] : [])];
  });
  return [heading, ...lines, ''];
}

/** Items must already be sorted for display (most urgent first). */
export function learnerDigest(
  to: Recipient,
  items: LearnerDigestItem[],
  origin?: string,
  clock: Clock = DEFAULT_CLOCK,
  /** Spaced reviews due today (decision 024): one line when there are any. */
  reviewsDue = 0,
): DigestMail {
  const overdue = items.filter((i) => i.due === 'overdue');
  const soon = items.filter((i) => i.due === 'due-soon');
  const parts = [overdue.length ? `${overdue.length} overdue` : '', soon.length ? `${soon.length} due soon` : ''].filter(Boolean);
  return {
    to: to.email,
    subject: `Your assigned training: ${parts.join(', ')}`,
    text: [
      `Hello ${firstName(to)},`,
      '',
      `${count(items.length, 'module assigned to you needs', 'modules assigned to you need')} your attention.`,
      '',
      ...learnerLines(overdue, 'Overdue:', origin, clock),
      ...learnerLines(soon, 'Due within three days:', origin, clock),
      ...(reviewsDue > 0
        ? [`${count(reviewsDue, 'review is', 'reviews are')} due today${origin ? `: ${origin}/review` : '.'}`, '']
        : []),
      origin ? `Continue in Rapport: ${origin}/` : 'Sign in to Rapport to continue.',
      '',
      'You receive this digest at most once a day, while assigned work is due soon or overdue.',
    ].join('\n'),
  };
}

/** Items must already be sorted (by team, then due date). */
export function managerDigest(to: Recipient, items: OverdueItem[], origin?: string, clock: Clock = DEFAULT_CLOCK): DigestMail {
  const lines: string[] = [];
  for (const [i, item] of items.entries()) {
    if (item.teamName !== items[i - 1]?.teamName) lines.push(...(i > 0 ? [''] : []), item.teamName);
    lines.push(`- ${item.personName}: ${item.title}, was due ${formatDueDate(item.dueAt, clock)}`);
  }
  return {
    to: to.email,
    subject: `Overdue training in your teams: ${count(items.length, 'assignment', 'assignments')}`,
    text: [
      `Hello ${firstName(to)},`,
      '',
      'These assignments in the teams you manage are overdue:',
      '',
      ...lines,
      '',
      origin ? `See every assignment: ${origin}/assignments` : 'Sign in to Rapport and open Assignments to see every assignment.',
      '',
      'You receive this digest at most once a day, while work in your teams is overdue.',
    ].join('\n'),
  };
}

/** The email a manager's "send a reminder now" sends: one module, its due date, and a link to it. */
export function reminderMail(
  to: Recipient,
  item: { title: string; moduleId: string; dueAt: Date; overdue: boolean },
  from: string,
  origin?: string,
  clock: Clock = DEFAULT_CLOCK,
): DigestMail {
  const due = formatDueDate(item.dueAt, clock);
  const when = item.overdue ? `was due ${due}` : `is due ${due}`;
  return {
    to: to.email,
    subject: `Reminder: ${item.title} ${when}`,
    text: [
      `Hello ${firstName(to)},`,
      '',
      `${from} sent you a reminder: the module “${item.title}” ${when}.`,
      ...(origin ? ['', `${origin}/modules/${item.moduleId}`] : []),
      '',
      'You also see it first on your home page in Rapport.',
    ].join('\n'),
  };
}
