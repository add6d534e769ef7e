// The standards bodies' own schemas, for validating exported packages offline. They live beside the repository
// (../shared/standards, as CI's fresh clone has them), not in it: the tests check our files against the
// originals, not against copies we could have edited.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

export const STANDARDS_DIR = fileURLToPath(new URL('../../../shared/standards/', import.meta.url));

/** A file under ../shared/standards, or an error saying where it was looked for and how to provide it. */
export function standardsFile(path: string): string {
  const full = STANDARDS_DIR + path;
  if (!existsSync(full)) {
    throw new Error(
      `The standards' schemas are missing: ${full} does not exist. Put a copy of shared/standards/ beside the repository ` +
        `(../shared/standards relative to the repo root), as CI does.`,
    );
  }
  return readFileSync(full, 'utf8');
}

const SCORM12 = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd'];

// One schema that imports the two namespaces a SCORM 1.2 manifest uses, so xmllint checks both. (imsmd is
// loaded only by the metadata file, which libxml2 cannot check: it refuses that schema as non-deterministic.)
const SCORM12_ENTRY = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:rapport:test:scorm12" elementFormDefault="qualified">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
</xsd:schema>
`;

/** Errors from validating an imsmanifest.xml against the SCORM 1.2 schemas (empty when valid). */
export async function scorm12ManifestErrors(xml: string): Promise<string[]> {
  const preload = SCORM12.map((name) => ({ fileName: name, contents: standardsFile(`scorm12/${name}`) }));
  const result = await validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
    schema: [{ fileName: 'entry.xsd', contents: SCORM12_ENTRY }],
    preload,
  });
  return result.errors.map((e) => e.rawMessage);
}

/** Errors from validating a cmi5.xml against the cmi5 course structure schema (empty when valid). */
export async function cmi5StructureErrors(xml: string): Promise<string[]> {
  const schema = { fileName: 'CourseStructure.xsd', contents: standardsFile('cmi5/CourseStructure.xsd') };
  const result = await validateXML({ xml: [{ fileName: 'cmi5.xml', contents: xml }], schema: [schema] });
  return result.errors.map((e) => e.rawMessage);
}
