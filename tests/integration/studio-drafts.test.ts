import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discardDraft, draftsDir, listDrafts, readDraft, saveDraft, sha256 } from '../../src/lib/server/studio/drafts.ts';

const root = await mkdtemp(join(tmpdir(), 'rapport-drafts-'));
const previousRoot = process.env.STUDIO_ROOT;
process.env.STUDIO_ROOT = root;

afterAll(async () => {
  if (previousRoot === undefined) delete process.env.STUDIO_ROOT;
  else process.env.STUDIO_ROOT = previousRoot;
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  await rm(join(root, '.studio'), { recursive: true, force: true });
});

const path = 'quizzes/empathy-quiz.yaml';

describe('studio drafts', () => {
  it('saves, reads, lists and discards a draft as a JSON file under .studio/drafts', async () => {
    const saved = await saveDraft({
      path,
      body: 'title: A\n',
      baseSha256: sha256('old'),
      author: 'u1',
      expectedDraftSavedAt: null,
    });
    expect(saved.ok).toBe(true);
    const onDisk = JSON.parse(await readFile(join(root, '.studio/drafts', `${path}.json`), 'utf8'));
    expect(onDisk).toMatchObject({ path, body: 'title: A\n', baseSha256: sha256('old'), author: 'u1', deleted: false });
    expect(await readDraft(path)).toEqual(onDisk);
    expect((await listDrafts()).map((draft) => draft.path)).toEqual([path]);
    await discardDraft(path);
    expect(await readDraft(path)).toBeNull();
    expect(await listDrafts()).toEqual([]);
  });

  it('refuses a second trainer saving over a draft they did not load, and keeps both versions', async () => {
    const first = await saveDraft({ path, body: 'first', baseSha256: null, author: 'ann', expectedDraftSavedAt: null });
    if (!first.ok) throw new Error('first save conflicted');
    // Bob opened the editor before Ann's draft existed.
    const second = await saveDraft({ path, body: 'second', baseSha256: null, author: 'bob', expectedDraftSavedAt: null });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.conflict.mine).toBe('second');
    expect(second.conflict.theirs).toMatchObject({ body: 'first', author: 'ann' });
    expect((await readDraft(path))?.body).toBe('first');
    // Having seen Ann's version, Bob saves on top of it.
    const merged = await saveDraft({
      path,
      body: 'merged',
      baseSha256: null,
      author: 'bob',
      expectedDraftSavedAt: first.draft.savedAt,
    });
    expect(merged.ok).toBe(true);
    if (merged.ok) expect(merged.draft.savedAt > first.draft.savedAt).toBe(true);
  });

  it('keeps the base the draft started from across saves', async () => {
    const first = await saveDraft({ path, body: 'a', baseSha256: sha256('v1'), author: 'ann', expectedDraftSavedAt: null });
    if (!first.ok) throw new Error('conflict');
    const again = await saveDraft({
      path,
      body: 'b',
      baseSha256: sha256('v2'),
      author: 'ann',
      expectedDraftSavedAt: first.draft.savedAt,
    });
    expect(again.ok && again.draft.baseSha256).toBe(sha256('v1'));
  });

  it('writes atomically: concurrent saves leave one whole draft and no temp files', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => `body ${i} `.repeat(5000));
    await Promise.all(bodies.map((body) => saveDraft({ path, body, baseSha256: null, author: 'u', expectedDraftSavedAt: null })));
    const draft = await readDraft(path);
    expect(bodies).toContain(draft?.body);
    const files = await readdir(join(draftsDir(), 'quizzes'));
    expect(files).toEqual(['empathy-quiz.yaml.json']);
  });

  it('refuses paths outside content/ or of kinds it does not know', async () => {
    for (const bad of [
      '../package.json',
      'modules/../../x.mdx',
      '/etc/passwd',
      'quizzes/a.json',
      'modules/empathy/../x.mdx',
      'src/pages/index.astro',
      'quizzes/A.yaml',
      'quizzes\\..\\x.yaml',
      '',
    ]) {
      await expect(
        saveDraft({ path: bad, body: 'x', baseSha256: null, author: 'u', expectedDraftSavedAt: null }),
      ).rejects.toThrow(/Draft path refused/);
      await expect(readDraft(bad)).rejects.toThrow(/Draft path refused/);
    }
    expect(await listDrafts()).toEqual([]);
  });

  it('lists only drafts of known kinds, skipping stray files', async () => {
    await saveDraft({
      path: 'modules/empathy/module.yaml',
      body: 'm',
      baseSha256: null,
      author: 'u',
      expectedDraftSavedAt: null,
    });
    await saveDraft({
      path: 'modules/empathy/images/rota.png',
      body: 'aGk=',
      baseSha256: null,
      author: 'u',
      expectedDraftSavedAt: null,
    });
    await mkdir(join(draftsDir(), 'elsewhere'), { recursive: true });
    await writeFile(join(draftsDir(), 'elsewhere/x.json'), '{}');
    expect((await listDrafts()).map((d) => d.path)).toEqual(['modules/empathy/images/rota.png', 'modules/empathy/module.yaml']);
  });
});
