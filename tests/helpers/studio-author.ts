// A trainer's steps in the studio's editors, driven through a Chromium page by labels and roles: the module
// "studio-basics" with a lesson, a quiz of three question types and a role-play with three endings. Shared by
// tests/e2e/studio.test.ts (the editors) and tests/e2e/studio-flow.test.ts (authoring to a learner's attempt),
// so both author the same course the same way. Each step leaves its slip in place for the test to see; the
// matching fix step repairs it.
import type { Page } from 'playwright-core';

export const MODULE_ID = 'studio-basics';
export const LESSON_ID = 'first-contact';
export const QUIZ_ID = 'studio-basics-quiz';
export const SCENARIO_ID = 'studio-basics-talk';
export const SCENARIO_TITLE = 'The late report';

export const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);

/** Clicks a button that posts the form, and waits for the page the post redirects to. */
export async function press(page: Page, name: string): Promise<void> {
  await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction(() => !(window as unknown as { before?: boolean }).before);
  await page.waitForLoadState('load');
}

export async function startNew(page: Page, what: string, id: string, module?: string): Promise<void> {
  await page.goto('/studio');
  await page.getByLabel('What').selectOption({ label: what });
  await fill(page, 'Id', id);
  if (module) await page.getByLabel('Module (for a quiz or role-play)').selectOption(module);
  await press(page, 'Start');
}

/** Creates and saves the module; `hidden` sets "Hidden from learners (draft)", which a new module starts with. */
export async function authorModule(page: Page, { hidden }: { hidden: boolean }): Promise<void> {
  await startNew(page, 'Module', MODULE_ID);
  await fill(page, 'Module title', 'Studio basics');
  await fill(
    page,
    'Summary',
    'Practise answering a colleague who is waiting on your work, from first contact to a clear commitment.',
  );
  await fill(
    page,
    'Objectives',
    'Acknowledge what a late delivery costs a colleague.\nAgree a next step with a date you can keep.',
  );
  await fill(page, 'Order in the catalog', '90');
  await fill(page, 'Audience', 'Everyone who hands work to colleagues');
  await fill(page, 'Minutes for the whole module', '25');
  await page.getByLabel('Hidden from learners (draft)').setChecked(hidden);
  await fill(page, 'End-of-module quiz id', QUIZ_ID);
  await fill(page, 'Pass mark (percent)', '70');
  await press(page, 'Save draft and check');
  await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
}

/** From the module's page: starts the lesson, fills it and inserts a Key idea from the component menu. */
export async function authorLesson(page: Page): Promise<void> {
  await fill(page, 'New lesson id', LESSON_ID);
  await press(page, 'Start the lesson');
  await fill(page, 'Lesson title', 'First contact');
  await fill(page, 'Summary', 'What to say first when a colleague chases work you owe them.');
  await fill(page, 'Objectives', 'Name the cost of the delay before explaining it.');
  await fill(page, 'Reading time (minutes)', '5');
  await fill(page, 'Order in the module', '1');
  await fill(
    page,
    'Lesson text (MDX)',
    '## Start with their side\n\nWhen someone chases you, they are telling you what the wait costs them.\n',
  );
  await page.getByLabel('Component').selectOption({ label: 'Key idea' });
  await press(page, 'Insert component');
}

/** The quiz's three questions and their right answers, as a learner sees them. */
export const QUIZ_ANSWERS = {
  single: 'I know you needed it for this morning; that left you waiting.',
  truefalse: 'False',
  ordering: ['Name what the wait costs them', 'Say briefly what happened', 'Commit to a date you can keep'],
};

const fillRows = async (page: Page, prefix: string, rows: string[][]) => {
  for (const [i, [id, text, feedback]] of rows.entries()) {
    await fill(page, `${prefix} ${i + 1} id`, id!);
    await fill(page, `${prefix} ${i + 1} text`, text!);
    await fill(page, `${prefix} ${i + 1} feedback`, feedback!);
  }
};

/** Builds the quiz and saves it. Slip: question 1's third option is "All of the above", a lint error. */
export async function authorQuiz(page: Page): Promise<void> {
  await startNew(page, 'Quiz', QUIZ_ID, MODULE_ID);
  await fill(page, 'Quiz title', 'Studio basics: check your understanding');
  await press(page, 'Add a question: One right answer');
  await fill(page, 'Question 1 id', 'first-words');
  await fill(page, 'Question 1 prompt', 'A colleague chases a report you promised yesterday. What do you say first?');
  await fill(page, 'Question 1 explanation', 'Naming what the delay costs them shows you understand before you explain.');
  await fillRows(page, 'Question 1, option', [
    ['own-it', QUIZ_ANSWERS.single, 'Right: it names their cost first.'],
    ['explain', 'The data came in late from finance, so it slipped.', 'An explanation first sounds like an excuse.'],
    ['all', 'All of the above', 'This option gives the answer away.'],
  ]);
  await page.getByLabel('Question 1, option 1 is right').check();
  await press(page, 'Add a question: True or false');
  await fill(page, 'Question 2 id', 'agree-to-empathise');
  await fill(page, 'Question 2 prompt', 'To show empathy you have to agree with the other person.');
  await fill(page, 'Question 2 explanation', 'You can understand a feeling without sharing the view behind it.');
  await fill(page, 'Question 2, option 1 feedback', 'Understanding is not the same as agreeing.');
  await fill(page, 'Question 2, option 2 feedback', 'Right: acknowledge without agreeing.');
  await page.getByLabel('Question 2, option 2 is right').check();
  await press(page, 'Add a question: Put in order');
  await fill(page, 'Question 3 id', 'order-the-reply');
  await fill(page, 'Question 3 prompt', 'Put the steps of a reply to a chasing colleague in order.');
  await fill(page, 'Question 3 explanation', 'Acknowledge, then explain briefly, then commit to a date.');
  const [acknowledge, explain, commit] = QUIZ_ANSWERS.ordering;
  await fillRows(page, 'Question 3, step', [
    ['acknowledge', acknowledge!, 'Their side comes first.'],
    ['explain', explain!, 'A short reason, not an excuse.'],
    ['commit', commit!, 'A clear next step closes the loop.'],
  ]);
  await press(page, 'Save draft and check');
}

/**
 * The fix for authorQuiz's slip, and for what the studio then shows about the quiz as a whole: a module quiz
 * needs a pool twice its draw, a wait between retakes, and a right option that is not always the longest.
 */
export async function fixQuiz(page: Page): Promise<void> {
  await fill(
    page,
    'Question 1, option 3 text',
    'Tell them the report will be ready when it is ready, and that chasing will not help.',
  );
  await fill(page, 'Questions drawn per attempt', '1');
  await fill(page, 'Minutes to wait between attempts', '1440');
  await press(page, 'Save draft and check');
}

/** The best path through the role-play, as the text of each choice (not always the longest: length-cue-share). */
export const SCENARIO_BEST_PATH = [
  'I know you need it for the call; I am sorry it is late.',
  'The summary page in twenty minutes, the rest by noon.',
  'Yes, I will copy you in and check the figures with you first.',
];

async function choice(page: Page, node: number, n: number, row: [string, string, string, string]): Promise<void> {
  const [id, text, score, next] = row;
  const at = `Node ${node}, choice ${n}`;
  await fill(page, `${at} id`, id);
  await fill(page, `${at}: what you say`, text);
  await fill(page, `${at} reaction`, `Dana hears: ${text}`);
  await fill(page, `${at} feedback`, `Coaching on "${id}".`);
  await fill(page, `${at} empathy score`, score);
  await fill(page, `${at} leads to`, next);
}

async function ending(page: Page, n: number, id: string, outcome: string, title: string): Promise<void> {
  await fill(page, `Ending ${n} id`, id);
  await page.getByLabel(`Ending ${n} outcome`, { exact: true }).selectOption(outcome);
  await fill(page, `Ending ${n} title`, title);
  await fill(page, `Ending ${n} debrief`, `What happened in "${title}", and what to take away from it.`);
}

/** Builds the role-play and saves it. Slip: ending 3's id does not match what node 1's last choice leads to. */
export async function authorRolePlay(page: Page): Promise<void> {
  await startNew(page, 'Role-play', SCENARIO_ID, MODULE_ID);
  await fill(page, 'Role-play title', SCENARIO_TITLE);
  await fill(page, 'Summary', 'A colleague chases a report you owe them.');
  await fill(page, 'Setting: who you are', 'You are Sam, an analyst who owes the weekly report.');
  await fill(page, 'Setting: who they are', 'Dana, a sales lead who needs the report for a client call.');
  await fill(page, 'Setting: context', 'The report was due yesterday. Dana has a client call in an hour.');
  await fill(page, 'Skills scored', 'empathy');
  await fill(page, 'First node id', 'opening');
  for (let i = 0; i < 3; i++) await press(page, 'Add a node');
  for (let i = 0; i < 3; i++) await press(page, 'Add an ending');
  await press(page, 'Add a choice to node 1');
  await fill(page, 'Node 1 id', 'opening');
  await fill(page, 'Node 1 speaker', 'Dana');
  await fill(page, 'Node 1: what they say', 'Where is the report? My client call starts in an hour.');
  await choice(page, 1, 1, ['name-the-cost', SCENARIO_BEST_PATH[0]!, '3', 'next-step']);
  await choice(page, 1, 2, [
    'explain-first',
    'Finance sent me the figures late on Friday afternoon, so the whole thing slipped by a day.',
    '-1',
    'stalemate',
  ]);
  await choice(page, 1, 3, ['push-back', 'Everyone wants everything at once around here.', '-2', 'walked-out']);
  await fill(page, 'Node 2 id', 'next-step');
  await fill(page, 'Node 2 speaker', 'Dana');
  await fill(page, 'Node 2: what they say', 'So when can I have it?');
  await choice(page, 2, 1, ['commit', SCENARIO_BEST_PATH[1]!, '2', 'follow-up']);
  await choice(page, 2, 2, [
    'vague',
    'As soon as I possibly can; I promise you it will be very soon, so please do not worry.',
    '0',
    'stalemate',
  ]);
  await fill(page, 'Node 3 id', 'follow-up');
  await fill(page, 'Node 3 speaker', 'Dana');
  await fill(page, 'Node 3: what they say', 'Can you send the summary to my client as well?');
  await choice(page, 3, 1, ['check-together', SCENARIO_BEST_PATH[2]!, '2', 'solved']);
  await choice(page, 3, 2, ['send-blind', 'I will send it to them now without a look.', '0', 'stalemate']);
  await ending(page, 1, 'solved', 'strong', 'Ready for the call');
  await ending(page, 2, 'stalemate', 'mixed', 'Still waiting');
  await ending(page, 3, 'walked-away', 'poor', 'Dana goes elsewhere');
  await press(page, 'Save draft and check');
}

/** The fix for authorRolePlay's slip. */
export async function fixRolePlay(page: Page): Promise<void> {
  await fill(page, 'Ending 3 id', 'walked-out');
  await press(page, 'Save draft and check');
}
