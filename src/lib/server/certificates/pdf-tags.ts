/**
 * The structure tree that makes the certificate a tagged PDF: pdf-lib draws text but writes no
 * structure, so each drawing is wrapped in marked content (BDC/EMC with an MCID) and registered as a
 * structure element (H1, P, Figure with its alternative text) under one Document element. Decoration
 * is marked as an artifact, which screen readers skip. See docs/decisions/014-certificates.md.
 */
import {
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames as Ops,
  PDFString,
  type PDFDocument,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';

export type Role = 'H1' | 'P' | 'Figure';

export interface Tagger {
  /** Draws inside a structure element of `role`; a Figure needs `alt`. */
  tag(role: Role, draw: () => void, alt?: string): void;
  /** Draws decoration that carries no meaning. */
  artifact(draw: () => void): void;
  /** Writes the structure tree into the document; call once, after the last drawing. */
  finish(): void;
}

/** A tagger for a one-page document. */
export function tagger(pdf: PDFDocument, page: PDFPage): Tagger {
  const { context } = pdf;
  const documentRef = context.nextRef();
  const rootRef = context.nextRef();
  const kids: PDFRef[] = [];
  return {
    tag(role, draw, alt) {
      const mcid = kids.length;
      page.pushOperators(PDFOperator.of(Ops.BeginMarkedContentSequence, [PDFName.of(role), `<</MCID ${mcid}>>`]));
      draw();
      page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
      const element = context.obj({ Type: 'StructElem', S: role, P: documentRef, Pg: page.ref, K: mcid });
      if (alt) element.set(PDFName.of('Alt'), PDFString.of(alt));
      kids.push(context.register(element));
    },
    artifact(draw) {
      page.pushOperators(PDFOperator.of(Ops.BeginMarkedContent, [PDFName.of('Artifact')]));
      draw();
      page.pushOperators(PDFOperator.of(Ops.EndMarkedContent));
    },
    finish() {
      context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }));
      const parentTree = context.register(context.obj({ Nums: [0, kids] }));
      context.assign(
        rootRef,
        context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTree, ParentTreeNextKey: 1 }),
      );
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
      pdf.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
      pdf.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    },
  };
}
