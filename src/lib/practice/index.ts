/** Free-text reply practice: the analyser's public API (issue 22). */
export * from './criteria.ts';
export { analyseReply, checkModelReply, type ModelReplyProblem } from './analyse.ts';
