/** Rules for a lesson's MDX body: known components with known props, existing references and links. */
import type { ContentSource, LessonSource } from './source.ts';
import { scanComponents, scanLinks } from './mdx-scan.ts';
import type { Problem } from './problem.ts';

/** What authors may use in a lesson without importing it, and each component's props (true = required). */
export const AUTHOR_COMPONENTS: Record<string, Record<string, boolean>> = {
  KeyIdea: { title: false },
  Example: { title: true },
  TryThis: { title: false },
  Reflection: { id: true, prompt: true },
  Quiz: { id: true },
  Scenario: { id: true },
  Practice: { id: true },
};

function componentProblems(lesson: LessonSource, src: ContentSource): Problem[] {
  const problems: Problem[] = [];
  const at = (line: number, name: string) => `line ${line + lesson.bodyStartLine - 1} <${name}>`;
  const reflectionIds = new Set<string>();
  for (const use of scanComponents(lesson.body)) {
    const allowed = AUTHOR_COMPONENTS[use.name];
    if (!allowed) {
      problems.push({ file: lesson.file, path: at(use.line, use.name), message: `unknown component <${use.name}>.`, fix: `Use one of ${Object.keys(AUTHOR_COMPONENTS).map((c) => `<${c}>`).join(', ')}.` });
      continue;
    }
    for (const prop of Object.keys(use.props).filter((p) => !(p in allowed)))
      problems.push({ file: lesson.file, path: at(use.line, use.name), message: `unknown prop "${prop}".`, fix: `<${use.name}> takes ${Object.keys(allowed).map((p) => `"${p}"`).join(', ')}.` });
    for (const [prop, required] of Object.entries(allowed)) {
      const value = use.props[prop];
      if (required && (value === undefined || value === '' || value === null))
        problems.push({ file: lesson.file, path: at(use.line, use.name), message: `the prop "${prop}" is missing or not a plain string.`, fix: `Write ${prop}="..." with a quoted value.` });
    }
    const id = use.props.id;
    if (use.name === 'Quiz' && id && !src.quizzes.some((q) => q.id === id))
      problems.push({ file: lesson.file, path: at(use.line, use.name), message: `no quiz "${id}" exists.`, fix: `Create content/quizzes/${id}.yaml or correct the id.` });
    if (use.name === 'Scenario' && id && !src.scenarios.some((s) => s.id === id))
      problems.push({ file: lesson.file, path: at(use.line, use.name), message: `no scenario "${id}" exists.`, fix: `Create content/scenarios/${id}.yaml or correct the id.` });
    if (use.name === 'Practice' && id && !(src.practice ?? []).some((p) => p.id === id))
      problems.push({ file: lesson.file, path: at(use.line, use.name), message: `no practice prompt "${id}" exists.`, fix: `Create content/practice/${id}.yaml or correct the id.` });
    if (use.name === 'Reflection' && id) {
      if (reflectionIds.has(id))
        problems.push({ file: lesson.file, path: at(use.line, use.name), message: `the reflection id "${id}" is used twice in this lesson.`, fix: 'Give each reflection in a lesson its own id.' });
      reflectionIds.add(id);
    }
  }
  return problems;
}

const STATIC_PATHS = new Set(['/', '/modules', '/journal']);

function linkProblems(lesson: LessonSource, src: ContentSource): Problem[] {
  const problems: Problem[] = [];
  for (const link of scanLinks(lesson.body)) {
    if (!link.url.startsWith('/') || link.url.startsWith('//')) continue;
    const path = link.url.split(/[?#]/)[0]!.replace(/\/$/, '') || '/';
    const parts = path.split('/').slice(1);
    const ok =
      STATIC_PATHS.has(path) ||
      (parts[0] === 'modules' && parts.length === 2 && src.modules.some((m) => m.id === parts[1])) ||
      (parts[0] === 'modules' && parts.length === 3 && src.lessons.some((l) => l.id === `${parts[1]}/${parts[2]}`)) ||
      (parts[0] === 'quizzes' && parts.length === 2 && src.quizzes.some((q) => q.id === parts[1])) ||
      (parts[0] === 'scenarios' && parts.length === 2 && src.scenarios.some((s) => s.id === parts[1]));
    if (!ok)
      problems.push({ file: lesson.file, path: `line ${link.line + lesson.bodyStartLine - 1}`, message: `the link "${link.url}" leads nowhere.`, fix: 'Link to an existing page, e.g. /modules/<module-id>/<lesson-id>.' });
  }
  return problems;
}

export function checkLessonBody(lesson: LessonSource, src: ContentSource): Problem[] {
  return [...componentProblems(lesson, src), ...linkProblems(lesson, src)];
}
