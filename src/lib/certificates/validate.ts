/** The rules about content/paths/*.yaml that the schema alone cannot express; run by src/lib/content/check.ts. */
import { pathSchema, type PathData } from '../../schemas/path.ts';
import type { Problem } from '../content/problem.ts';
import { zodProblems } from '../content/zod-problems.ts';

export interface PathFile {
  file: string;
  id: string;
  data: unknown;
  readError?: string;
}

function moduleProblems(file: string, data: PathData, modules: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const listed = [
    ...data.modules.map((id, i) => ({ id, path: `modules.${i}` })),
    ...(data.electives?.from ?? []).map((id, i) => ({ id, path: `electives.from.${i}` })),
  ];
  const seen = new Set<string>();
  for (const { id, path } of listed) {
    if (!modules.has(id))
      problems.push({
        file,
        path,
        message: `no module "${id}" exists.`,
        fix: `Use the folder name of a module in content/modules/, or create content/modules/${id}/module.yaml.`,
      });
    else if (seen.has(id))
      problems.push({
        file,
        path,
        message: `module "${id}" is listed twice.`,
        fix: 'List each module once, either as required or as an elective.',
      });
    seen.add(id);
  }
  if (data.electives && data.electives.choose > data.electives.from.length)
    problems.push({
      file,
      path: 'electives.choose',
      message: `asks for ${data.electives.choose} electives but lists ${data.electives.from.length}.`,
      fix: 'Lower "choose" or list more modules under "from".',
    });
  return problems;
}

function renewalProblems(file: string, id: string, data: PathData, all: Map<string, PathData>): Problem[] {
  const problems: Problem[] = [];
  if (data.recertification && !data.validityMonths)
    problems.push({
      file,
      path: 'recertification',
      message: 'a certificate that never expires cannot be renewed.',
      fix: 'Add "validityMonths" or remove "recertification".',
    });
  if (data.refresher && (data.validityMonths || data.recertification))
    problems.push({
      file,
      path: 'refresher',
      message: 'a refresher grants no certificate, so it has no validity or recertification of its own.',
      fix: 'Remove "validityMonths" and "recertification", or set "refresher: false".',
    });
  const ref = data.recertification?.refresher;
  if (ref && ref === id)
    problems.push({
      file,
      path: 'recertification.refresher',
      message: 'the path names itself as its refresher.',
      fix: 'Leave "refresher" out to repeat this path, or name a shorter path.',
    });
  else if (ref && !all.get(ref)?.refresher)
    problems.push({
      file,
      path: 'recertification.refresher',
      message: all.has(ref) ? `path "${ref}" is not a refresher.` : `no path "${ref}" exists.`,
      fix: `Create content/paths/${ref}.yaml with "refresher: true", or correct the id.`,
    });
  return problems;
}

/** Problems in the learning paths, given the ids of the modules that exist. */
export function validatePaths(files: PathFile[], modules: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const parsed = new Map<string, { file: string; data: PathData }>();
  for (const f of files.filter((p) => !p.readError)) {
    const result = pathSchema.safeParse(f.data);
    if (result.success) parsed.set(f.id, { file: f.file, data: result.data });
    else
      problems.push(...zodProblems(result.error, f.data, f.file, { modules: 'List the required module ids under "modules:".' }));
  }
  const all = new Map([...parsed].map(([id, p]) => [id, p.data]));
  for (const [id, { file, data }] of parsed)
    problems.push(...moduleProblems(file, data, modules), ...renewalProblems(file, id, data, all));
  return problems;
}
