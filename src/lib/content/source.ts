/**
 * Content as read from disk, before any checking: shared by the loader (load-fs.ts), the checks (check.ts,
 * check-body.ts) and the lint rules, so that none of them has to import another for its types.
 */
export interface SourceFile {
  file: string;
  id: string;
  data: unknown;
  /** A problem reading the file itself (YAML syntax, missing frontmatter). */
  readError?: string;
  /** The likely fix for `readError`, when known. */
  readFix?: string;
}
export interface LessonSource extends SourceFile {
  moduleId: string;
  body: string;
  /** The file line on which the body starts, so problems can name file lines. */
  bodyStartLine: number;
}
export interface ContentSource {
  modules: SourceFile[];
  lessons: LessonSource[];
  quizzes: SourceFile[];
  scenarios: SourceFile[];
  /** Learning paths (content/paths/*.yaml); optional so sources without paths need not list them. */
  paths?: SourceFile[];
  /** Reply-practice prompts (content/practice/*.yaml); optional like paths. */
  practice?: SourceFile[];
}
