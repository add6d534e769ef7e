/**
 * What a new row or a new file starts as in the studio's forms. Rows start nearly empty on purpose: the
 * check on save names each field still to fill, with its fix, exactly as content:check would.
 */
import type { Templates } from './list-actions.ts';
import { QUESTION_TYPES } from '../../schemas/quiz.ts';

const option = () => ({ id: '', text: '', feedback: '' });

export const QUIZ_TEMPLATES: Templates = {
  'questions:single': () => ({ type: 'single', id: '', prompt: '', explanation: '', options: [option(), option(), option()] }),
  'questions:multiple': () => ({
    type: 'multiple',
    id: '',
    prompt: '',
    explanation: '',
    options: [option(), option(), option()],
  }),
  'questions:truefalse': () => ({
    type: 'truefalse',
    id: '',
    prompt: '',
    explanation: '',
    options: [
      { id: 'true', text: 'True', feedback: '' },
      { id: 'false', text: 'False', feedback: '' },
    ],
  }),
  'questions:ordering': () => ({ type: 'ordering', id: '', prompt: '', explanation: '', items: [option(), option(), option()] }),
  'questions:likert': () => ({ type: 'likert', id: '', prompt: '', explanation: '' }),
  options: option,
  items: option,
};

/** The question types in the order the "Add a question" buttons show them, with their labels. */
export const QUESTION_TYPE_LABELS: Record<(typeof QUESTION_TYPES)[number], string> = {
  single: 'One right answer',
  multiple: 'Several right answers',
  truefalse: 'True or false',
  ordering: 'Put in order',
  likert: 'Self-assessment (Never to Always)',
};

const choice = () => ({ id: '', text: '', reaction: '', feedback: '', next: '' });

export const SCENARIO_TEMPLATES: Templates = {
  nodes: () => ({ id: '', speaker: '', text: '', choices: [choice(), choice()] }),
  choices: choice,
  endings: () => ({ id: '', outcome: 'mixed', title: '', debrief: '' }),
};

export function newQuiz(moduleId = ''): Record<string, unknown> {
  return { title: '', module: moduleId, questions: [] };
}

export function newScenario(moduleId = ''): Record<string, unknown> {
  return {
    title: '',
    module: moduleId,
    summary: '',
    setting: { you: '', them: '', customer: 'internal', context: '' },
    skills: [],
    start: '',
    nodes: [],
    endings: [],
  };
}

export function newModule(): Record<string, unknown> {
  return { title: '', summary: '', objectives: [], order: undefined, audience: '', estimatedMinutes: undefined, draft: true };
}

export function newLesson(): Record<string, unknown> {
  return { title: '', summary: '', objectives: [], estimatedMinutes: 5, order: undefined, draft: false };
}
