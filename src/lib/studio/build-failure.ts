/**
 * A failed build's log turned into what a trainer can act on: the file and line the build stopped at, what
 * it said, and what to do. The whole log stays available beside it.
 */

export interface BuildFailure {
  /** The file the build named (relative to the project), or null when it named none. */
  file: string | null;
  line: number | null;
  message: string;
  fix: string;
}

const FIX_IN_FILE = 'Open the file in the studio, correct that line (or undo the draft that changed it), and publish again.';
const FIX_UNKNOWN =
  'Read the build log below; if it names no file of content/, ask a developer, as the problem is not in the drafts.';

export function buildFailure(log: string): BuildFailure {
  const location = /Location:\s*\n\s*(\S+?):(\d+)(?::\d+)?\s*$/m.exec(log);
  const coded = /^\[([A-Z_]+)\]\s+(.+)$/m.exec(log);
  const errorLine = /^(?:\S+\s+)?\[ERROR\]\s+(.+)$/m.exec(log) ?? /^(?:Error|error):?\s+(.+)$/m.exec(log);
  const message = (coded ? `${coded[2]} (${coded[1]})` : (errorLine?.[1] ?? 'The build failed.')).trim();
  const file = location?.[1] ?? /\b(content\/\S+?\.(?:mdx|yaml))\b/.exec(message)?.[1] ?? null;
  return {
    file,
    line: location ? Number(location[2]) : null,
    message,
    fix: file?.startsWith('content/') ? FIX_IN_FILE : FIX_UNKNOWN,
  };
}

/** One paragraph: "content/x.mdx, line 2: ... Fix: ..." */
export function formatBuildFailure(f: BuildFailure): string {
  const where = f.file ? `${f.file}${f.line ? `, line ${f.line}` : ''}: ` : '';
  return `${where}${f.message} Fix: ${f.fix}`;
}
