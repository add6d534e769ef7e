/**
 * The certificate as a PDF, made on the server with pdf-lib. Text is drawn with the standard
 * Helvetica fonts, so it is real, selectable and extractable text, never an image of text; the QR
 * code is drawn as vector squares from qrcode's matrix, so no image decoding is needed either. Every
 * drawing is tagged (./pdf-tags.ts), so the PDF reads in order with a screen reader.
 */
import { PDFDocument, PDFName, PDFString, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateRow } from './certificates.ts';
import { formatCertificateDate } from '../../certificates/validity.ts';
import { tagger } from './pdf-tags.ts';

const INK = rgb(0.11, 0.15, 0.22);
const MUTED = rgb(0.32, 0.36, 0.42);
const ACCENT = rgb(0.09, 0.4, 0.55);

/** The standard fonts cover Windows-1252 only: other characters become their closest plain letter or "?". */
export function printable(font: PDFFont, text: string): string {
  return [...text]
    .map((ch) => {
      for (const candidate of [ch, ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')]) {
        try {
          font.encodeText(candidate);
          return candidate;
        } catch {
          // not in the font's encoding: try the next candidate
        }
      }
      return '?';
    })
    .join('');
}

function centred(page: PDFPage, font: PDFFont, text: string, size: number, y: number, color = INK) {
  const safe = printable(font, text);
  const width = font.widthOfTextAtSize(safe, size);
  page.drawText(safe, { x: (page.getWidth() - width) / 2, y, size, font, color });
}

/** Dark modules drawn as one rectangle per horizontal run, a hair taller than a row, so that viewers
 * leave no light seams between squares that would make the code harder to scan. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      const top = y + size - row * cell;
      page.drawRectangle({
        x: x + start * cell,
        y: top - cell - 0.3,
        width: (col - start) * cell,
        height: cell + 0.3,
        color: INK,
      });
    }
  }
}

/** The PDF of one certificate; `verifyUrl` is printed and encoded in the QR code. */
export async function certificatePdf(cert: CertificateRow, verifyUrl: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Certificate: ${cert.pathTitle}, ${cert.holderName}`, { showInWindowTitleBar: true });
  pdf.setAuthor(cert.issuer);
  pdf.setSubject(`Verify at ${verifyUrl}`);
  pdf.setCreator('Rapport');
  pdf.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  const page = pdf.addPage([842, 595]); // A4 landscape, in points
  const [regular, bold] = await Promise.all([pdf.embedFont(StandardFonts.Helvetica), pdf.embedFont(StandardFonts.HelveticaBold)]);
  const tags = tagger(pdf, page);
  tags.artifact(() => page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: ACCENT, borderWidth: 3 }));
  tags.tag('H1', () => centred(page, bold, 'Certificate of completion', 30, 480, ACCENT));
  tags.tag('P', () => centred(page, regular, 'This certifies that', 14, 430, MUTED));
  tags.tag('P', () => centred(page, bold, cert.holderName, 28, 390));
  tags.tag('P', () => centred(page, regular, 'has completed the learning path', 14, 350, MUTED));
  tags.tag('P', () => centred(page, bold, cert.pathTitle, 22, 315));
  const validity = cert.validUntil ? `Valid until ${formatCertificateDate(cert.validUntil)}` : 'Does not expire';
  tags.tag('P', () => centred(page, regular, `Issued ${formatCertificateDate(cert.issuedAt)}. ${validity}.`, 13, 270));
  tags.tag('P', () => centred(page, regular, `Issued by ${cert.issuer}`, 13, 248));
  tags.tag('Figure', () => drawQr(page, verifyUrl, 60, 60, 110), `QR code of the verification address ${verifyUrl}`);
  const small = (text: string, y: number, size: number, color = INK) =>
    tags.tag('P', () => page.drawText(printable(regular, text), { x: 190, y, size, font: regular, color }));
  small('Check that this certificate is valid:', 130, 11, MUTED);
  small(verifyUrl, 112, 11);
  small(`Certificate ${cert.id}, version ${cert.pathVersion}, cycle ${cert.cycle}`, 70, 9, MUTED);
  tags.finish();
  return pdf.save();
}
