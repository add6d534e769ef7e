import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { courseData } from '../../src/lib/export/course-data.ts';
import { lessonHtml } from '../../src/lib/export/lesson-html.ts';
import { cmi5CourseStructure, scorm12Manifest, SCORM12_SCHEMAS } from '../../src/lib/export/manifest.ts';
import { moduleCourseData, modulePackageZip } from '../../src/lib/server/export/module-package.ts';
import { loadCourseFromDisk } from '../../src/lib/content/course-fs.ts';
import { cmi5StructureErrors, scorm12ManifestErrors, standardsFile, STANDARDS_DIR } from '../helpers/standards.ts';

const root = process.cwd();
const unzip = (zip: Uint8Array) => new Map(Object.entries(unzipSync(zip)).map(([k, v]) => [k, strFromU8(v)]));
const unzipBytes = (zip: Uint8Array) => new Map(Object.entries(unzipSync(zip)));

describe('lesson HTML for a package', () => {
  it('turns author components into static HTML and lists the checks and role-plays', () => {
    const body = [
      '## Heading',
      '',
      '<Example title="A &quot;hard&quot; call">',
      'Some **bold** text.',
      '</Example>',
      '',
      '<Quiz id="x-check-1" />',
      '',
      '<Quiz id="x-quiz" />',
      '',
      '<Scenario id="the-call" />',
      '',
      '<Reflection id="r" prompt="What would you say?" />',
    ].join('\n');
    const { html, embeds } = lessonHtml(body, 'x-quiz');
    expect(html).toContain('<h2>Heading</h2>');
    expect(html).toContain(
      '<aside class="example"><p class="embed-kind">Example: A "hard" call</p><p>Some <strong>bold</strong> text.</p></aside>',
    );
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<div class="check" data-check="x-check-1"></div>');
    expect(html).toContain('The module quiz comes after the last lesson.');
    expect(html).toContain('What would you say?');
    expect(embeds).toEqual({ checks: ['x-check-1'], scenarios: ['the-call'] });
  });

  it('leaves reply practice out of a package with a note, since its analysis runs on the server', () => {
    const { html, embeds } = lessonHtml('<Practice id="the-double-charge" />');
    expect(html).toContain('a reply-practice exercise that you can do in Rapport itself');
    expect(embeds).toEqual({ checks: [], scenarios: [] });
  });

  it('names the component and the file to change when a lesson uses one it does not know', () => {
    expect(() => lessonHtml('<Video src="a.mp4" />')).toThrow(
      'lesson component <Video> has no HTML form for export; add it to src/lib/export/lesson-html.ts',
    );
  });
});

describe('a module without a quiz', () => {
  it('cannot be exported, and the error names the file and field', () => {
    const module = { id: 'm', title: 'M', summary: 'A module', objectives: ['Do a thing well'] };
    expect(() => courseData({ module, lessons: [], quizzes: new Map() })).toThrow(
      'content/modules/m/module.yaml: quiz is missing',
    );
  });
});

describe('SCORM 1.2 package', () => {
  const files = unzip(modulePackageZip(root, 'empathy', 'scorm12'));

  it('has a manifest that validates against the SCORM 1.2 schemas (imscp, adlcp, imsmd)', async () => {
    const manifest = files.get('imsmanifest.xml')!;
    expect(await scorm12ManifestErrors(manifest)).toEqual([]);
    expect(manifest).toContain('<adlcp:masteryscore>70</adlcp:masteryscore>');
    expect(manifest).toContain('adlcp:scormtype="sco" href="index.html"');
    // Role-plays are left out, and the package's description (its metadata file) says so.
    expect(files.get('metadata.xml')).toMatch(/Role-plays are not included \([a-z-]+\): they are played in Rapport itself\./);
  });

  it('lists every content file in the manifest and carries the schemas it names, unchanged', () => {
    const manifest = files.get('imsmanifest.xml')!;
    for (const name of ['index.html', 'course.js', 'player.js', 'runtime.js', 'player.css'])
      expect(manifest).toContain(`<file href="${name}"/>`);
    const bytes = unzipBytes(modulePackageZip(root, 'empathy', 'scorm12'));
    for (const name of SCORM12_SCHEMAS)
      expect(Buffer.from(bytes.get(name)!).equals(readFileSync(STANDARDS_DIR + `scorm12/${name}`))).toBe(true);
    expect(manifest).toContain('<adlcp:location>metadata.xml</adlcp:location>');
  });

  it('is self-contained: no file refers to another address', () => {
    for (const [name, text] of files) {
      if (name.endsWith('.xsd') || name.endsWith('.xml')) continue;
      expect({ name, urls: text.match(/(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/g) }).toEqual({ name, urls: null });
      expect({ name, imports: /@import|url\(http/.test(text) }).toEqual({ name, imports: false });
    }
  });

  it('validates an invalid manifest as invalid, so the check above can fail', async () => {
    const course = moduleCourseData(root, 'empathy');
    const broken = scorm12Manifest(course, ['index.html'])
      .replace('<organizations default="rapport-org">', '<organizations>')
      .replace(/<schema>ADL SCORM<\/schema>/, '<schema>1</schema><schema>2</schema>');
    expect((await scorm12ManifestErrors(broken)).length).toBeGreaterThan(0);
  });
});

describe('cmi5 package', () => {
  const files = unzip(modulePackageZip(root, 'empathy', 'cmi5'));

  it('has a cmi5.xml that validates against the cmi5 course structure schema', async () => {
    const xml = files.get('cmi5.xml')!;
    expect(await cmi5StructureErrors(xml)).toEqual([]);
    expect(xml).toContain('moveOn="CompletedAndPassed" masteryScore="0.70"');
    expect(files.has('imsmanifest.xml')).toBe(false);
  });

  it('rejects a course structure without an AU', async () => {
    const xml = cmi5CourseStructure(moduleCourseData(root, 'empathy')).replace(/<au [\s\S]*<\/au>/, '');
    expect((await cmi5StructureErrors(xml)).length).toBeGreaterThan(0);
  });
});

describe('every published module', () => {
  it('exports as SCORM 1.2 with a valid manifest and as cmi5 with a valid course structure', async () => {
    standardsFile('README.md');
    const modules = loadCourseFromDisk(root)
      .modules.filter((m) => m.quiz)
      .map((m) => m.id);
    expect(modules.length).toBeGreaterThan(5);
    for (const id of modules) {
      expect({
        id,
        errors: await scorm12ManifestErrors(unzip(modulePackageZip(root, id, 'scorm12')).get('imsmanifest.xml')!),
      }).toEqual({ id, errors: [] });
      expect({ id, errors: await cmi5StructureErrors(unzip(modulePackageZip(root, id, 'cmi5')).get('cmi5.xml')!) }).toEqual({
        id,
        errors: [],
      });
    }
  });
});
