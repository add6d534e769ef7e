/**
 * The files of an exported package, from the module's data to path -> content. Pure: the player's own files
 * and the SCORM schemas are passed in (src/lib/server/export/ reads them from disk and zips the result).
 */
import type { CourseData } from './course-data.ts';
import { cmi5CourseStructure, scorm12Manifest, scorm12Metadata, SCORM12_METADATA, SCORM12_SCHEMAS } from './manifest.ts';

export const FORMATS = ['scorm12', 'cmi5'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** The player's files, in the order index.html loads them (course.js is made per module). */
export const PLAYER_FILES = ['index.html', 'player.css', 'runtime.js', 'cmi5.js', 'player.js'] as const;

export interface PackageInput {
  course: CourseData;
  format: ExportFormat;
  /** The player's files by name (PLAYER_FILES). */
  player: Record<string, string>;
  /** The SCORM 1.2 schemas by name (SCORM12_SCHEMAS), as bytes so they travel unchanged; only scorm12 packages carry them. */
  schemas: Record<string, Uint8Array>;
}

/** course.js: the module's data as a script, so the package opens from disk too (no fetch of JSON needed). */
export function courseScript(course: CourseData, format: ExportFormat): string {
  // Escape "<" so no text in the course can close the script element if a player ever inlines it.
  const json = JSON.stringify({ ...course, format }).replace(/</g, '\\u003c');
  return `window.RAPPORT_COURSE = ${json};\n`;
}

function pick<T>(from: Record<string, T>, names: readonly string[], what: string): [string, T][] {
  return names.map((name) => {
    const text = from[name];
    if (text === undefined) throw new Error(`${what} ${name} is missing from the export's inputs`);
    return [name, text];
  });
}

/** Every file of the package by its path inside the zip. */
export function packageFiles({ course, format, player, schemas }: PackageInput): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>(pick(player, PLAYER_FILES, 'player file'));
  files.set('course.js', courseScript(course, format));
  if (format === 'scorm12') {
    const content = [...files.keys()];
    files.set(SCORM12_METADATA, scorm12Metadata(course));
    for (const [name, bytes] of pick(schemas, SCORM12_SCHEMAS, 'SCORM 1.2 schema')) files.set(name, bytes);
    files.set('imsmanifest.xml', scorm12Manifest(course, content));
  } else {
    files.set('cmi5.xml', cmi5CourseStructure(course));
  }
  return files;
}
