import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { branchMarkers, checkShell, escapeHtml, fillShell, hole, type LessonFill } from '../../src/lib/lesson-shell.ts';

const when = (test: string, yes: string, no: string) => {
  const m = branchMarkers(test);
  return `${m.open}${yes}${m.otherwise}${no}${m.end}`;
};

const shell = [
  `<a>${hole('name')} <span>Learner</span></a>`,
  when('completed', '<p>Done</p>', '<form>Mark as complete</form>'),
  `<textarea>${hole('reflection:r1')}</textarea>`,
  when('reflection:r1', 'Update my reflection', 'Save to my journal'),
  when('rating:3', '<input value="3" checked>', '<input value="3">'),
  `<textarea>${hole('comment')}</textarea>`,
  when('feedback', 'Update my feedback', 'Send feedback'),
].join('\n');

const nobody: LessonFill = { displayName: 'Bo', completed: false, reflections: new Map(), feedback: null };

describe('lesson shells', () => {
  it('accepts the markers the lesson page uses', () => {
    expect(checkShell(shell)).toEqual([]);
  });

  it('fills a learner who has done nothing yet with the empty renderings', () => {
    expect(fillShell(shell, nobody)).toBe(
      [
        '<a>Bo <span>Learner</span></a>',
        '<form>Mark as complete</form>',
        '<textarea></textarea>',
        'Save to my journal',
        '<input value="3">',
        '<textarea></textarea>',
        'Send feedback',
      ].join('\n'),
    );
  });

  it("fills a learner's own values, escaped, and picks the matching branches", () => {
    const filled = fillShell(shell, {
      displayName: 'Ann <admin>',
      completed: true,
      reflections: new Map([['r1', 'I said "later" & meant it </textarea><script>x()</script>']]),
      feedback: { rating: 3, comment: "It's <b>useful</b>" },
    });
    expect(filled).toContain('<a>Ann &lt;admin&gt; <span>');
    expect(filled).toContain('<p>Done</p>');
    expect(filled).toContain(
      '<textarea>I said &quot;later&quot; &amp; meant it &lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;</textarea>',
    );
    expect(filled).toContain('Update my reflection');
    expect(filled).toContain('<input value="3" checked>');
    expect(filled).toContain('<textarea>It&#39;s &lt;b&gt;useful&lt;/b&gt;</textarea>');
    expect(filled).toContain('Update my feedback');
    expect(filled).not.toContain('<!--rapport');
  });

  it('never expands marker-like text that a learner typed (one pass, values escaped)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (name, answer, comment) => {
        const typed = `${hole('name')}${answer}`;
        const filled = fillShell(shell, {
          displayName: name,
          completed: false,
          reflections: new Map([['r1', typed]]),
          feedback: { rating: 1, comment },
        });
        expect(filled).not.toContain('<!--rapport');
        expect(filled).toContain(`<textarea>${escapeHtml(typed)}</textarea>`);
        expect(filled).toContain(`<a>${escapeHtml(name)} <span>`);
      }),
    );
  });

  it('reports unknown, malformed and nested markers before a shell is kept', () => {
    expect(checkShell(`<p>${hole('email')}</p>`)).toEqual(['Unknown lesson shell value "email"']);
    expect(checkShell(when('admin', 'a', 'b'))).toEqual(['Unknown lesson shell test "admin"']);
    expect(checkShell(`<p>${branchMarkers('completed').open}never closed</p>`)).toEqual(['1 malformed or unbalanced marker(s)']);
    expect(checkShell(when('completed', when('feedback', 'a', 'b'), 'c')).length).toBeGreaterThan(0);
  });

  it('escapes as Astro escapes text', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
