/**
 * Exports one module as a zip an LMS accepts: reads the course, the player and the SCORM schemas from disk
 * (the project root, as the other disk readers do), builds the files (src/lib/export/) and zips them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { loadContent } from '../../content/load-fs.ts';
import { loadCourseFromDisk } from '../../content/course-fs.ts';
import { courseData, type CourseData } from '../../export/course-data.ts';
import { SCORM12_SCHEMAS } from '../../export/manifest.ts';
import { FORMATS, packageFiles, PLAYER_FILES, type ExportFormat } from '../../export/package.ts';

const readText = (dir: string, names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
const readBytes = (dir: string, names: readonly string[]) =>
  Object.fromEntries(names.map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))]));

export function isExportFormat(value: unknown): value is ExportFormat {
  return (FORMATS as readonly unknown[]).includes(value);
}

/** The module's data for a package, or an error naming what to fix. */
export function moduleCourseData(root: string, moduleId: string): CourseData {
  const course = loadCourseFromDisk(root);
  const module = course.modules.find((m) => m.id === moduleId);
  if (!module) {
    const known = course.modules.map((m) => m.id).join(', ');
    throw new Error(`no published module "${moduleId}" in content/modules/; use one of: ${known}`);
  }
  const bodies = new Map(loadContent(root).lessons.map((l) => [l.id, l.body]));
  const lessons = module.lessons.map((l) => ({ id: l.id, title: l.title, body: bodies.get(`${moduleId}/${l.id}`) ?? '' }));
  return courseData({ module, lessons, quizzes: course.quizzes });
}

/** Every file of the module's package, by path. */
export function modulePackageFiles(root: string, moduleId: string, format: ExportFormat): Map<string, string | Uint8Array> {
  const here = join(root, 'src', 'lib');
  return packageFiles({
    course: moduleCourseData(root, moduleId),
    format,
    player: readText(join(here, 'export', 'player'), PLAYER_FILES),
    schemas: format === 'scorm12' ? readBytes(join(here, 'server', 'export', 'scorm12'), SCORM12_SCHEMAS) : {},
  });
}

/** The module's package as zip bytes; the manifest first, as some LMSs sniff the first entry. */
export function modulePackageZip(root: string, moduleId: string, format: ExportFormat): Uint8Array {
  const files = modulePackageFiles(root, moduleId, format);
  const first = format === 'scorm12' ? 'imsmanifest.xml' : 'cmi5.xml';
  const ordered = [first, ...[...files.keys()].filter((k) => k !== first)];
  // A fixed date keeps the same content byte-identical between exports.
  const mtime = new Date('2026-01-01T00:00:00Z');
  const bytes = (file: string | Uint8Array) => (typeof file === 'string' ? strToU8(file) : file);
  return zipSync(Object.fromEntries(ordered.map((name) => [name, [bytes(files.get(name)!), { mtime }]])), { level: 9 });
}

/** The file name a package is saved under. */
export function packageFileName(moduleId: string, format: ExportFormat): string {
  return `rapport-${moduleId}-${format}.zip`;
}
