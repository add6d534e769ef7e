/**
 * Rules for reply-practice prompts (content/practice/*.yaml) beyond their shape: the module exists, every
 * rubric criterion is one the analyser knows and appears once, and each model reply meets its own rubric
 * when analysed, since a model that fails its own rubric teaches the wrong thing (or shows that the analyser
 * misjudges it: either way an author must look). Role-play nodes that offer a prompt must name one that exists.
 */
import { practicePromptSchema } from '../../schemas/practice.ts';
import { checkModelReply, CRITERIA, isCriterionId } from '../practice/index.ts';
import { contextOf } from '../practice/prompt-analysis.ts';
import type { Problem } from './problem.ts';
import type { ContentSource, SourceFile } from './source.ts';
import { zodProblems } from './zod-problems.ts';

function promptProblems(file: SourceFile, modules: ReadonlySet<string>): Problem[] {
  const parsed = practicePromptSchema.safeParse(file.data);
  if (!parsed.success) return zodProblems(parsed.error, file.data, file.file, { rubric: 'List 3-6 criteria under "rubric:".', models: 'Write at least two model replies under "models:".' });
  const prompt = parsed.data;
  const problems: Problem[] = [];
  const at = (path: string, message: string, fix: string) => problems.push({ file: file.file, path, message, fix });
  if (!modules.has(prompt.module)) at('module', `no module "${prompt.module}" exists.`, 'Use the id of a folder in content/modules/.');
  const seen = new Set<string>();
  prompt.rubric.forEach((r, i) => {
    if (!isCriterionId(r.criterion)) at(`rubric.${i}.criterion`, `"${r.criterion}" is not a criterion the analyser knows.`, `Use one of ${CRITERIA.join(', ')}.`);
    else if (seen.has(r.criterion)) at(`rubric.${i}.criterion`, `"${r.criterion}" is in the rubric twice.`, 'List each criterion once.');
    seen.add(r.criterion);
  });
  // Analysing needs a rubric of known criteria; with unknown ones the problems above say what to fix first.
  if (prompt.rubric.every((r) => isCriterionId(r.criterion))) {
    const context = contextOf(prompt);
    prompt.models.forEach((m, i) => {
      for (const p of checkModelReply(m.reply, context))
        at(`models.${i}.reply`, `the model reply "${m.label}" ${p.message}`, `Rewrite the reply so that it meets "${p.criterion}", or take "${p.criterion}" out of the rubric.`);
    });
  }
  return problems;
}

function nodeProblems(src: ContentSource): Problem[] {
  const known = new Set((src.practice ?? []).map((p) => p.id));
  return src.scenarios
    .filter((s) => !s.readError)
    .flatMap((s) => {
      const nodes = (s.data as { nodes?: { id?: unknown; practice?: unknown }[] } | null)?.nodes;
      return (Array.isArray(nodes) ? nodes : []).flatMap((node, i) =>
        typeof node?.practice === 'string' && !known.has(node.practice)
          ? [{ file: s.file, path: `nodes.${i}.practice`, message: `no practice prompt "${node.practice}" exists.`, fix: `Create content/practice/${node.practice}.yaml or correct the id.` }]
          : [],
      );
    });
}

export function checkPractice(src: ContentSource): Problem[] {
  const modules = new Set(src.modules.map((m) => m.id));
  return [...(src.practice ?? []).filter((f) => !f.readError).flatMap((f) => promptProblems(f, modules)), ...nodeProblems(src)];
}
