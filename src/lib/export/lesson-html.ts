/**
 * A lesson's MDX body as plain HTML for an exported package. The site renders lessons with Astro components;
 * a package has no server, so each author component becomes the static HTML a player can show, and the
 * embedded knowledge checks and role-plays become placeholders the player fills (or a note saying why not).
 * Pure: MDX text in, HTML text out. Lesson bodies are the trainers' own content, not learner input.
 */
import type { Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import rehypeStringify from 'rehype-stringify';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** What the player needs to know about the components a lesson embeds. */
export interface LessonEmbeds {
  /** Knowledge checks embedded in the lesson, by quiz id, in order of appearance. */
  checks: string[];
  /** Role-plays the lesson points at; they are left out of packages (docs/decisions/017-scorm-cmi5-export.md). */
  scenarios: string[];
}

function attr(node: MdxJsxFlowElement, name: string): string {
  const found = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof found?.value === 'string' ? found.value : '';
}

function block(tag: string, props: Record<string, string>, children: RootContent[]): RootContent {
  // mdast-util-to-hast turns any node carrying data.hName into that element, keeping its children.
  return { type: 'paragraph', children, data: { hName: tag, hProperties: props } } as unknown as RootContent;
}

function heading(text: string): RootContent {
  return block('p', { className: 'embed-kind' }, [{ type: 'text', value: text }]);
}

/** One author component as mdast the HTML step understands; undefined drops it. */
function replaceComponent(node: MdxJsxFlowElement, embeds: LessonEmbeds, moduleQuizId?: string): RootContent | undefined {
  const children = node.children as RootContent[];
  switch (node.name) {
    case 'Example':
      return block('aside', { className: 'example' }, [heading(`Example: ${attr(node, 'title')}`), ...children]);
    case 'KeyIdea':
      return block('aside', { className: 'key-idea' }, [heading('Key idea'), ...children]);
    case 'TryThis':
      return block('aside', { className: 'try-this' }, [heading('Try this'), ...children]);
    case 'Reflection':
      // The journal lives on the Rapport server; in a package the prompt stays as a question to think over.
      return block('aside', { className: 'reflection' }, [
        heading('Reflect'),
        { type: 'paragraph', children: [{ type: 'text', value: attr(node, 'prompt') }] },
      ]);
    case 'Quiz': {
      const id = attr(node, 'id');
      if (id === moduleQuizId)
        return block('p', { className: 'note' }, [{ type: 'text', value: 'The module quiz comes after the last lesson.' }]);
      embeds.checks.push(id);
      return block('div', { className: 'check', dataCheck: id }, []);
    }
    case 'Scenario':
      embeds.scenarios.push(attr(node, 'id'));
      return block('p', { className: 'note' }, [
        {
          type: 'text',
          value: 'This lesson has a role-play that you can play in Rapport itself; it is not part of this package.',
        },
      ]);
    case 'Practice':
      // The analysis of a written reply runs on the Rapport server (decision 023), which a package does not have.
      return block('p', { className: 'note' }, [
        {
          type: 'text',
          value: 'This lesson has a reply-practice exercise that you can do in Rapport itself; it is not part of this package.',
        },
      ]);
    default:
      throw new Error(
        `lesson component <${node.name ?? 'fragment'}> has no HTML form for export; add it to src/lib/export/lesson-html.ts`,
      );
  }
}

function transform(parent: { children: RootContent[] }, embeds: LessonEmbeds, moduleQuizId?: string) {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type === 'mdxjsEsm' || child.type === 'mdxFlowExpression' || child.type === 'mdxTextExpression') continue;
    if (child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') {
      transform(child as { children: RootContent[] }, embeds, moduleQuizId);
      const replaced = replaceComponent(child as MdxJsxFlowElement, embeds, moduleQuizId);
      if (replaced) out.push(replaced);
      continue;
    }
    if ('children' in child) transform(child as { children: RootContent[] }, embeds, moduleQuizId);
    out.push(child);
  }
  parent.children = out;
}

/** The lesson body as HTML, with the knowledge checks and role-plays it embeds. */
export function lessonHtml(body: string, moduleQuizId?: string): { html: string; embeds: LessonEmbeds } {
  const embeds: LessonEmbeds = { checks: [], scenarios: [] };
  const processor = unified().use(remarkParse).use(remarkMdx);
  const tree = processor.parse(body) as Root;
  transform(tree, embeds, moduleQuizId);
  const hast = unified().use(remarkRehype).runSync(tree);
  const html = unified()
    .use(rehypeStringify)
    .stringify(hast as never);
  return { html, embeds };
}
