import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planFromDrafts, planRevert, type DraftLike } from '../../src/lib/studio/changes.ts';
import { diffCounts, lineDiff } from '../../src/lib/studio/diff.ts';
import { buildFailure, formatBuildFailure } from '../../src/lib/studio/build-failure.ts';
import { isPreviewToken, previewHtml, previewUrl } from '../../src/lib/studio/preview-links.ts';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const files: Record<string, string> = { 'quizzes/a.yaml': 'title: A\n', 'scenarios/b.yaml': 'title: B\n' };
const read = (path: string) => files[path] ?? null;
const draft = (path: string, body: string, base: string | null, deleted = false): DraftLike => ({
  path,
  body,
  baseSha256: base,
  author: 'u1',
  deleted,
});

describe('what drafts change', () => {
  it('changes, adds and deletes files whose drafts began on the published version; skips a draft equal to it', () => {
    const plan = planFromDrafts(
      [
        draft('quizzes/a.yaml', 'title: A2\n', sha('title: A\n')),
        draft('quizzes/new.yaml', 'title: N\n', null),
        draft('scenarios/b.yaml', '', sha('title: B\n'), true),
        draft('quizzes/a.yaml', 'title: A\n', sha('title: A\n')),
      ],
      read,
      sha,
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes).toEqual([
      { path: 'quizzes/a.yaml', before: 'title: A\n', after: 'title: A2\n' },
      { path: 'quizzes/new.yaml', before: null, after: 'title: N\n' },
      { path: 'scenarios/b.yaml', before: 'title: B\n', after: null },
    ]);
  });

  it('refuses, with both versions, a draft begun on an older version or a new file someone published meanwhile', () => {
    const plan = planFromDrafts(
      [draft('quizzes/a.yaml', 'mine', sha('title: Old\n')), draft('scenarios/b.yaml', 'also mine', null)],
      read,
      sha,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toEqual([
      { path: 'quizzes/a.yaml', proposed: 'mine', published: 'title: A\n', author: 'u1' },
      { path: 'scenarios/b.yaml', proposed: 'also mine', published: 'title: B\n', author: 'u1' },
    ]);
  });
});

describe('what a revert changes', () => {
  it('puts each file back as it was before the publish, deleting a file it added', () => {
    const plan = planRevert(
      [
        { path: 'quizzes/a.yaml', before: 'title: A0\n', after: 'title: A\n' },
        { path: 'scenarios/b.yaml', before: null, after: 'title: B\n' },
      ],
      read,
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes).toEqual([
      { path: 'quizzes/a.yaml', before: 'title: A\n', after: 'title: A0\n' },
      { path: 'scenarios/b.yaml', before: 'title: B\n', after: null },
    ]);
  });

  it('refuses to undo a file changed again since, which would lose the later work', () => {
    const plan = planRevert([{ path: 'quizzes/a.yaml', before: 'title: A0\n', after: 'title: A1\n' }], read);
    expect(plan.changes).toEqual([]);
    expect(plan.conflicts).toEqual([{ path: 'quizzes/a.yaml', proposed: 'title: A0\n', published: 'title: A\n' }]);
  });
});

describe('the history diff', () => {
  it('marks added and removed lines and folds unchanged runs beyond three lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const lines = lineDiff(before, after);
    expect(diffCounts(lines)).toEqual({ added: 1, removed: 1 });
    expect(lines[0]).toEqual({ kind: 'fold', count: 6 });
    expect(lines.at(-1)).toEqual({ kind: 'fold', count: 7 });
    expect(lines.filter((l) => l.kind === 'same')).toHaveLength(6);
  });

  it('shows a new file as all added', () => {
    expect(lineDiff(null, 'a\nb\n')).toEqual([
      { kind: 'add', text: 'a' },
      { kind: 'add', text: 'b' },
    ]);
  });
});

describe('a failed build, for a trainer', () => {
  // The build's own output (astro 7.3.4) for a lesson importing a component that does not exist.
  const log = `01:42:52 [build] Building server entrypoints...
01:42:53 [ERROR] [vite] ✗ Build failed in 1.01s
[UNRESOLVED_IMPORT] Could not resolve '../../../src/components/mdx/Missing.astro' in content/modules/empathy/what-empathy-looks-like.mdx
   ╭─[ content/modules/empathy/what-empathy-looks-like.mdx:2:21 ]
   │
 2 │ import Missing from "../../../src/components/mdx/Missing.astro";
───╯

  Location:
    content/modules/empathy/what-empathy-looks-like.mdx:2:20
`;

  it('names the file, the line, what the build said and the fix', () => {
    expect(formatBuildFailure(buildFailure(log))).toMatchInlineSnapshot(
      `"content/modules/empathy/what-empathy-looks-like.mdx, line 2: Could not resolve '../../../src/components/mdx/Missing.astro' in content/modules/empathy/what-empathy-looks-like.mdx (UNRESOLVED_IMPORT) Fix: Open the file in the studio, correct that line (or undo the draft that changed it), and publish again."`,
    );
  });

  it('says to ask a developer when the build names no content file', () => {
    const failure = buildFailure('12:00:00 [ERROR] Cannot find module astro.config.mjs');
    expect(failure.file).toBeNull();
    expect(failure.fix).toContain('ask a developer');
  });
});

describe('a preview page', () => {
  it('keeps site-relative links, forms, images and redirects inside the preview, and nothing else', () => {
    expect(previewUrl('/modules/empathy')).toBe('/studio/preview/modules/empathy');
    expect(previewUrl('/')).toBe('/studio/preview/');
    expect(previewUrl('/studio/preview/modules')).toBe('/studio/preview/modules');
    expect(previewUrl('//elsewhere.example/x')).toBe('//elsewhere.example/x');
    expect(previewUrl('https://elsewhere.example/')).toBe('https://elsewhere.example/');
    const html = previewHtml(
      '<body><main id="main" tabindex="-1"><a href="/modules">M</a><img src="/_astro/a.png" alt=""><form action="/quizzes/q"></form><a href="https://x.example/">X</a></main></body>',
    );
    expect(html).toContain('<a href="/studio/preview/modules">M</a>');
    expect(html).toContain('src="/studio/preview/_astro/a.png"');
    expect(html).toContain('action="/studio/preview/quizzes/q"');
    expect(html).toContain('href="https://x.example/"');
    expect(html).toMatch(/^<body><main id="main" tabindex="-1"><p class="alert info" role="note"[^>]*>Preview of the studio/);
  });

  it('answers only the secret the studio holds', () => {
    const token = 'a'.repeat(64);
    expect(isPreviewToken(token, token)).toBe(true);
    expect(isPreviewToken('b'.repeat(64), token)).toBe(false);
    expect(isPreviewToken('a', token)).toBe(false);
    expect(isPreviewToken(null, token)).toBe(false);
  });
});
