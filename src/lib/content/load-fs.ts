/** Reads content/ from disk into a ContentSource for checking (Node only: the build and the CLI). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ContentSource, LessonSource, SourceFile } from './source.ts';
import { yamlSyntaxProblem } from './yaml-errors.ts';

function readYaml(root: string, path: string, id: string): SourceFile {
  return yamlSource(relative(root, path), id, readFileSync(path, 'utf8'));
}

/** A YAML file's text as a SourceFile (`file` relative to the project root); the studio checks drafts with it. */
export function yamlSource(file: string, id: string, text: string): SourceFile {
  try {
    return { file, id, data: parseYaml(text) };
  } catch (error) {
    const { message, fix } = yamlSyntaxProblem(error);
    return { file, id, data: undefined, readError: message, readFix: fix };
  }
}

function readLesson(root: string, path: string, moduleId: string, slug: string): LessonSource {
  return lessonSource(relative(root, path), moduleId, slug, readFileSync(path, 'utf8'));
}

/** A lesson's text as a LessonSource (`file` relative to the project root); the studio checks drafts with it. */
export function lessonSource(file: string, moduleId: string, slug: string, text: string): LessonSource {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  const base = { file, id: `${moduleId}/${slug}`, moduleId, bodyStartLine: match ? text.slice(0, text.length - match[2]!.length).split('\n').length : 1 };
  if (!match) return { ...base, data: undefined, body: text, readError: 'the file does not start with a frontmatter block between two "---" lines.' };
  try {
    return { ...base, data: parseYaml(match[1]!), body: match[2]! };
  } catch (error) {
    // The frontmatter starts on line 2, after the opening "---".
    const { message, fix } = yamlSyntaxProblem(error, 1);
    return { ...base, data: undefined, body: match[2]!, readError: message.replace('the YAML', 'the frontmatter'), readFix: fix };
  }
}

const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** The content, plus docs/curriculum-map.md when the project has one (checked by curriculum-map.ts). */
export type LoadedContent = ContentSource & { curriculumMap?: { file: string; text: string } };

export function loadContent(root: string): LoadedContent {
  const content = join(root, 'content');
  const src: LoadedContent = { modules: [], lessons: [], quizzes: [], scenarios: [], paths: [] };
  for (const moduleId of list(join(content, 'modules'))) {
    const dir = join(content, 'modules', moduleId);
    if (!statSync(dir).isDirectory()) continue;
    if (existsSync(join(dir, 'module.yaml'))) src.modules.push(readYaml(root, join(dir, 'module.yaml'), moduleId));
    for (const name of list(dir).filter((n) => n.endsWith('.mdx'))) src.lessons.push(readLesson(root, join(dir, name), moduleId, name.slice(0, -4)));
  }
  for (const name of list(join(content, 'quizzes')).filter((n) => n.endsWith('.yaml')))
    src.quizzes.push(readYaml(root, join(content, 'quizzes', name), name.slice(0, -5)));
  for (const name of list(join(content, 'scenarios')).filter((n) => n.endsWith('.yaml')))
    src.scenarios.push(readYaml(root, join(content, 'scenarios', name), name.slice(0, -5)));
  for (const name of list(join(content, 'paths')).filter((n) => n.endsWith('.yaml')))
    src.paths!.push(readYaml(root, join(content, 'paths', name), name.slice(0, -5)));
  const map = join(root, 'docs', 'curriculum-map.md');
  if (existsSync(map)) src.curriculumMap = { file: relative(root, map), text: readFileSync(map, 'utf8') };
  return src;
}
