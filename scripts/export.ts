// npm run export -- <module-id> --format scorm12|cmi5 [--out file.zip]: writes a module as a package a buyer
// uploads to their LMS (docs/lms-export.md). Reads content/ from the project root, like the other scripts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isExportFormat, modulePackageZip, packageFileName } from '../src/lib/server/export/module-package.ts';

const usage = 'Usage: npm run export -- <module-id> --format scorm12|cmi5 [--out file.zip]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string' }, out: { type: 'string' } },
});
const [moduleId] = positionals;
if (!moduleId || !isExportFormat(values.format)) {
  console.error(moduleId ? `--format must be scorm12 or cmi5, not "${values.format ?? ''}".` : 'Which module?');
  console.error(usage);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const zip = modulePackageZip(root, moduleId, values.format);
  const out = values.out ?? packageFileName(moduleId, values.format);
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${Math.round(zip.length / 1024)} KB): module "${moduleId}" as ${values.format}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
