/**
 * The two descriptors an LMS reads from a package: `imsmanifest.xml` (SCORM 1.2, one SCO) and `cmi5.xml`
 * (cmi5, one AU). Both describe the same single player page, index.html, that runs the whole module.
 */
import type { CourseData } from './course-data.ts';

/** The SCORM 1.2 schemas a manifest names; copies travel in every package, as SCORM 1.2 packages do. */
export const SCORM12_SCHEMAS = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'] as const;

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** The description buyers see in their LMS, with the note on what the package leaves out. */
export function packageDescription(course: CourseData): string {
  const leftOut = course.scenariosLeftOut.length
    ? ` Role-plays are not included (${course.scenariosLeftOut.join(', ')}): they are played in Rapport itself.`
    : '';
  return `${course.summary}${leftOut}`;
}

/** The activity id (an IRI) of a module's package; the same for every export of the module. */
export function activityId(moduleId: string): string {
  return `urn:rapport:module:${moduleId}`;
}

/** The package's metadata file, named by the manifest (adlcp:location), as SCORM 1.2 lets packages do. */
export const SCORM12_METADATA = 'metadata.xml';

/**
 * The package's IMS metadata (LOM 1.2.1): title, and the description buyers see, with the note on what the
 * package leaves out. A file of its own rather than inline in the manifest, so that the manifest validates
 * against imscp and adlcp alone: libxml2 refuses to compile imsmd_rootv1p2p1.xsd ("content model is not
 * determinist"), and an inline imsmd element would need it under imscp's strict wildcard.
 */
export function scorm12Metadata(course: CourseData): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd">
  <general>
    <title><langstring xml:lang="en">${xmlEscape(course.title)}</langstring></title>
    <description><langstring xml:lang="en">${xmlEscape(packageDescription(course))}</langstring></description>
  </general>
</lom>
`;
}

/** imsmanifest.xml for SCORM 1.2: one organisation, one item, one SCO holding every file. */
export function scorm12Manifest(course: CourseData, files: string[]): string {
  const title = xmlEscape(course.title);
  const fileList = files.map((f) => `      <file href="${xmlEscape(f)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rapport-${course.moduleId}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <adlcp:location>${SCORM12_METADATA}</adlcp:location>
  </metadata>
  <organizations default="rapport-org">
    <organization identifier="rapport-org">
      <title>${title}</title>
      <item identifier="rapport-item" identifierref="rapport-sco" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${course.quiz.passMark}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="rapport-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${fileList}
    </resource>
  </resources>
</manifest>
`;
}

/** cmi5.xml: one course, one AU launched in any window, done when the quiz is completed and passed. */
export function cmi5CourseStructure(course: CourseData): string {
  const title = `<langstring lang="en">${xmlEscape(course.title)}</langstring>`;
  const description = `<langstring lang="en">${xmlEscape(packageDescription(course))}</langstring>`;
  const id = activityId(course.moduleId);
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${id}">
    <title>${title}</title>
    <description>${description}</description>
  </course>
  <au id="${id}/au" moveOn="CompletedAndPassed" masteryScore="${(course.quiz.passMark / 100).toFixed(2)}" launchMethod="AnyWindow">
    <title>${title}</title>
    <description>${description}</description>
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
