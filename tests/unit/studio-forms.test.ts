import { describe, expect, it } from 'vitest';
import { fieldsToObject } from '../../src/lib/studio/form-fields.ts';
import { applyListAction, parseListAction } from '../../src/lib/studio/list-actions.ts';
import { groupProblems, idsOf, indexIn } from '../../src/lib/studio/problems-by.ts';
import { insertSnippet, snippetFor } from '../../src/lib/studio/snippets.ts';
import { checkContentPath, contentKind } from '../../src/lib/studio/paths.ts';
import { QUIZ_TEMPLATES } from '../../src/lib/studio/templates.ts';
import { newFileTarget } from '../../src/lib/studio/new-file.ts';

describe('fieldsToObject', () => {
  it('builds nested lists and objects from field paths, reading each value by its suffix', () => {
    const data = fieldsToObject([
      ['title', 'Quiz'],
      ['drawCount:number', '3'],
      ['questions.0.type', 'single'],
      ['questions.0.options.0.text', 'A'],
      ['questions.0.options.0.correct:bool', 'true'],
      ['questions.0.options.1.text', 'B'],
      ['questions.0.skills:words', 'empathy, respect'],
      ['objectives:lines', 'one\r\n\r\ntwo\n'],
      ['_intent', 'save'],
    ]);
    expect(data).toEqual({
      title: 'Quiz',
      drawCount: 3,
      questions: [{ type: 'single', options: [{ text: 'A', correct: true }, { text: 'B' }], skills: ['empathy', 'respect'] }],
      objectives: ['one', 'two'],
    });
  });

  it('leaves empty fields out but keeps blank rows, so a new node survives the next post', () => {
    const data = fieldsToObject([
      ['nodes.0.id', 'opening'],
      ['nodes.1.id', ''],
      ['nodes.1.choices.0.text', ''],
      ['endings.0.requires.minPercent:number', ''],
      ['endings.0.id', 'done'],
    ]);
    expect(data).toEqual({ nodes: [{ id: 'opening' }, { choices: [{}] }], endings: [{ id: 'done' }] });
  });

  it('keeps a value that is not a number as text, for the schema to name', () => {
    expect(fieldsToObject([['order:number', 'first']])).toEqual({ order: 'first' });
  });

  it('never assigns through __proto__, constructor or prototype', () => {
    const data = fieldsToObject([
      ['__proto__.polluted', 'yes'],
      ['a.constructor.prototype.polluted', 'yes'],
      ['title', 'ok'],
    ]);
    expect(data).toEqual({ title: 'ok' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('list actions', () => {
  it('adds a question from its template and removes an option', () => {
    const data: Record<string, unknown> = { questions: [{ type: 'single', options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }] };
    expect(applyListAction(data, parseListAction('add:questions:truefalse')!, QUIZ_TEMPLATES)).toBe('questions.1');
    expect((data.questions as { options: { id: string }[] }[])[1]!.options.map((o) => o.id)).toEqual(['true', 'false']);
    expect(applyListAction(data, parseListAction('remove:questions.0.options:1')!, QUIZ_TEMPLATES)).toBe('questions.0.options');
    expect((data.questions as { options: { id: string }[] }[])[0]!.options.map((o) => o.id)).toEqual(['a', 'c']);
  });

  it('refuses intents that name no template, no list or an unsafe path', () => {
    expect(parseListAction('save')).toBeNull();
    expect(parseListAction('remove:questions:x')).toBeNull();
    expect(parseListAction('add:__proto__')).toBeNull();
    expect(applyListAction({}, parseListAction('add:questions:essay')!, QUIZ_TEMPLATES)).toBeNull();
    expect(applyListAction({}, parseListAction('add:toString')!, QUIZ_TEMPLATES)).toBeNull();
    expect(applyListAction({ questions: [] }, parseListAction('remove:questions:0')!, QUIZ_TEMPLATES)).toBeNull();
  });
});

describe('problems beside the item they concern', () => {
  it('resolves positions and ids to the row', () => {
    const ids = ['first', 'second'];
    expect(indexIn('questions.1.options.0.feedback', 'questions', ids)).toBe(1);
    expect(indexIn('questions[second].options[a]', 'questions', ids)).toBe(1);
    expect(indexIn('questions[gone]', 'questions', ids)).toBeNull();
    expect(indexIn('drawCount', 'questions', ids)).toBeNull();
    const problem = (path: string) => ({ file: 'f', path, message: 'm', fix: 'x' });
    const grouped = groupProblems([problem('questions[first]'), problem(''), problem('questions.1.prompt')], 'questions', ids);
    expect([...grouped.byIndex.keys()].sort()).toEqual([0, 1]);
    expect(grouped.rest).toHaveLength(1);
    expect(idsOf({ nodes: [{ id: 'a' }, {}] }, 'nodes')).toEqual(['a', undefined]);
  });
});

describe('snippets and paths', () => {
  it('inserts a component as its own paragraph at the cursor', () => {
    const body = 'First paragraph.\n\nSecond paragraph.\n';
    expect(insertSnippet(body, snippetFor('Quiz:empathy-quiz')!, body.indexOf('Second'))).toBe(
      'First paragraph.\n\n<Quiz id="empathy-quiz" />\n\nSecond paragraph.\n',
    );
    expect(insertSnippet('Text', '<KeyIdea />')).toBe('Text\n\n<KeyIdea />\n');
    expect(snippetFor('Script:x')).toBeNull();
    expect(snippetFor('Quiz:../x')).toBeNull();
  });

  it('knows the content kinds and refuses everything else', () => {
    expect(contentKind('modules/empathy/module.yaml')).toBe('module');
    expect(contentKind('modules/empathy/images/rota.png')).toBe('image');
    expect(checkContentPath('modules/../../etc/passwd.mdx')).toMatch(/climbs out/);
    expect(checkContentPath('modules/empathy/x.md')).toMatch(/not a content file/);
  });

  it('leads the "start something new" forms to the right editor', () => {
    expect(newFileTarget({ kind: 'quiz', id: 'a-quiz', module: 'empathy' })).toEqual({
      location: '/studio/quizzes/a-quiz?module=empathy',
    });
    expect(newFileTarget({ kind: 'lesson', id: 'a', module: '' })).toHaveProperty('error');
    expect(newFileTarget({ kind: 'module', id: 'Bad Id', module: '' })).toHaveProperty('error');
  });
});

describe('the studio runs content:check', () => {
  it('with the same problems as content:check, the prose rule answered per lesson from its cache', async () => {
    const { loadContent } = await import('../../src/lib/content/load-fs.ts');
    const { checkContent } = await import('../../src/lib/content/check.ts');
    const { STUDIO_RULES } = await import('../../src/lib/server/studio/workspace.ts');
    const src = loadContent(process.cwd());
    // A lesson with prose problems, so the comparison is not between two empty lists.
    src.lessons[0] = { ...src.lessons[0]!, body: `${src.lessons[0]!.body}\n\n![](./images/x.png)\n` };
    const expected = checkContent(src);
    expect(expected.some((p) => p.rule === 'prose/image-alt')).toBe(true);
    expect(checkContent(src, STUDIO_RULES)).toEqual(expected);
    expect(checkContent(src, STUDIO_RULES)).toEqual(expected);
  });
});
