import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

/**
 * PDFs built with pdfmake from data (task PDFs, signature receipts, demo documents). The Roboto
 * fonts that ship with pdfmake are read from its package once and handed to pdfmake through its
 * in-memory file system; pdfmake may neither fetch URLs nor read other local files.
 */

type VirtualFs = { writeFileSync(name: string, content: Buffer): void };

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let ready = false;

function setUpPdfmake() {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  const fonts: Record<string, string> = {};
  for (const [style, file] of Object.entries(FONT_FILES)) {
    const name = `samspil-fonts/${file}`;
    vfs.writeFileSync(name, readFileSync(require.resolve(`pdfmake/fonts/Roboto/${file}`)));
    fonts[style] = name;
  }
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts({ Roboto: fonts as { normal: string; bold: string; italics: string; bolditalics: string } });
  ready = true;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  setUpPdfmake();
  return pdfmake.createPdf(doc).getBuffer();
}
