/**
 * Keeps what a learner sends in quiz and reflection forms in this browser (sessionStorage) at the
 * moment they send it. If their session had ended, the post never reached the page: the server sends
 * them to sign in and back with `kept=1` (src/lib/server/auth/signed-out.ts), and there this puts the
 * answers back into the same form, with a note to check and send them again. Without JavaScript nothing
 * is kept, and the sign-in page says so.
 */
export const DRAFT_PREFIX = 'rapport:draft:';
/** Older drafts are not put back: after that long the learner has moved on. */
const MAX_AGE_MS = 6 * 3600_000;

interface Draft {
  at: number;
  entries: [string, string][];
}

/** What a form is about, whichever page it is on: a quiz attempt or one reflection of a lesson. */
function draftKey(form: HTMLFormElement): string | null {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
  if (value('attemptId')) return `${DRAFT_PREFIX}quiz:${value('attemptId')}`;
  if (value('reflectionId'))
    return `${DRAFT_PREFIX}reflection:${value('moduleId')}/${value('lessonId')}/${value('reflectionId')}`;
  return null;
}

function save(form: HTMLFormElement): void {
  const key = draftKey(form);
  if (!key) return;
  const entries = [...new FormData(form)].filter((e): e is [string, string] => typeof e[1] === 'string');
  try {
    sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), entries } satisfies Draft));
  } catch {
    // Storage full or disabled: nothing kept, which the sign-in page already allows for.
  }
}

function fill(form: HTMLFormElement, entries: [string, string][]): void {
  const names = new Set(entries.map(([name]) => name));
  for (const name of names) {
    const values = entries.filter(([n]) => n === name).map(([, v]) => v);
    for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
      `[name="${CSS.escape(name)}"]`,
    )) {
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
        el.checked = values.includes(el.value);
      else el.value = values[0] ?? '';
    }
  }
}

function restore(form: HTMLFormElement): boolean {
  const key = draftKey(form);
  const raw = key ? sessionStorage.getItem(key) : null;
  if (!key || !raw) return false;
  sessionStorage.removeItem(key);
  const draft = JSON.parse(raw) as Draft;
  if (Date.now() - draft.at > MAX_AGE_MS) return false;
  fill(form, draft.entries);
  const note = document.createElement('div');
  note.className = 'alert info';
  note.setAttribute('role', 'status');
  note.textContent = 'You were signed out before this reached Rapport. Your browser kept it: check it, then send it again.';
  form.before(note);
  return true;
}

/** Keeps drafts of the forms matching `selector`, and puts them back after a sign-in (`kept=1`). */
export function keepDrafts(selector: string): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.matches(selector)) save(form);
  });
  if (new URLSearchParams(location.search).get('kept') !== '1') return;
  const restored = [...document.querySelectorAll<HTMLFormElement>(selector)].filter(restore);
  restored[0]?.scrollIntoView({ block: 'center' });
}

/**
 * Whether a draft was kept in the last couple of minutes, i.e. for the post that was just lost (the sign-in
 * page's message). Drafts of posts that went through stay behind until they age out, so one sent in the same
 * couple of minutes would count too: rare, and the page the learner returns to shows what was put back.
 */
export function hasDrafts(withinMs = 2 * 60_000): boolean {
  try {
    return Object.keys(sessionStorage).some((key) => {
      if (!key.startsWith(DRAFT_PREFIX)) return false;
      return Date.now() - (JSON.parse(sessionStorage.getItem(key) ?? '{}') as Draft).at <= withinMs;
    });
  } catch {
    return false;
  }
}
