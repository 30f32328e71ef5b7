/**
 * Packing slips print text in Indian scripts: each script's run is drawn in that
 * script's Noto face (real fonts from the npm packages, real pdf-lib), whose glyphs for
 * the text are real glyphs (not .notdef, which prints as an empty box, as DejaVu does),
 * and a slip without such text embeds none of them.
 */
import { describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { embedSlipFonts, loadFontBytes, loadScriptFontBytes, tolerantFontkit } from '../../src/labels/fonts.js';
import { addPackingSlipPage } from '../../src/labels/packing-slip.js';
import { buildLabelPdf } from '../../src/labels/build-label-pdf.js';
import { splitRuns, scriptsIn, type IndicScript } from '../../src/labels/script-runs.js';
import { fontNames, item, PACKSLIP, toUnicodeMaps } from './pdf-fixtures.js';

// Town names and "steel bolts" with conjuncts and vowel signs, the shaping-heavy parts.
const SAMPLES: Record<IndicScript, string> = {
  devanagari: 'पुणे क्षेत्र स्टील बोल्ट',
  bengali: 'কলকাতা স্টিল বোল্ট',
  gurmukhi: 'ਅੰਮ੍ਰਿਤਸਰ ਸਟੀਲ ਬੋਲਟ',
  gujarati: 'અમદાવાદ સ્ટીલ બોલ્ટ',
  oriya: 'ଭୁବନେଶ୍ୱର ଷ୍ଟିଲ',
  tamil: 'சென்னை ஸ்டீல் போல்ட்',
  telugu: 'హైదరాబాద్ స్టీల్ బోల్ట్',
  kannada: 'ಬೆಂಗಳೂರು ಸ್ಟೀಲ್ ಬೋಲ್ಟ್',
  malayalam: 'തിരുവനന്തപുരം സ്റ്റീൽ ബോൾട്ട്',
};

function slip(text: string) {
  return {
    shipmentCode: 'SHP-IN-1',
    boxNumber: 1,
    boxCount: 1,
    boxCode: 'SHP-IN-1-1',
    childAwb: null,
    parentAwb: '50012345678',
    items: [item({ description: `M8 ${text}` })],
    ...PACKSLIP,
    dropName: `Retail DC ${text}`,
  };
}

async function glyphIds(bytes: Uint8Array, text: string): Promise<number[]> {
  await import('regenerator-runtime/runtime.js' as string); // what fonts.ts loads for fontkit's Indic shaper
  return tolerantFontkit.create(bytes).layout(text).glyphs.map((g) => g.id);
}

describe('Indian scripts on packing slips', () => {
  it('splits text into runs by script, keeping spaces and dandas inside an Indic run', () => {
    expect(splitRuns('Retail DC पुणे नगर। 42')).toEqual([
      { script: null, text: 'Retail DC ' },
      { script: 'devanagari', text: 'पुणे नगर। ' },
      { script: null, text: '42' },
    ]);
    expect(scriptsIn('ಬೆಂಗಳೂರು / சென்னை')).toEqual(['kannada', 'tamil']);
  });

  it('DejaVu Sans has no Devanagari glyphs: its ids are .notdef (the empty boxes of before)', async () => {
    const ids = await glyphIds((await loadFontBytes()).regular, SAMPLES.devanagari.replace(/ /g, ''));
    expect(ids.every((id) => id === 0)).toBe(true);
  });

  for (const script of Object.keys(SAMPLES) as IndicScript[]) {
    it(`${script}: the slip embeds Noto Sans ${script}, whose glyphs for the text are real`, async () => {
      const text = SAMPLES[script];
      const bytes = (await loadScriptFontBytes(script)).regular;
      for (const run of splitRuns(text).filter((r) => r.script !== null)) {
        expect(run.script).toBe(script);
        const ids = await glyphIds(bytes, run.text.replace(/ /g, ''));
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.filter((id) => id === 0)).toEqual([]);
      }
      const doc = await PDFDocument.create();
      await addPackingSlipPage(doc, slip(text));
      const pdf = await doc.save();
      const family = `NotoSans${script[0]!.toUpperCase()}${script.slice(1)}`;
      expect((await fontNames(pdf)).some((n) => n.includes(family))).toBe(true);
      // The text's first letter is among the glyphs drawn (the subset's ToUnicode map;
      // a conjunct glyph maps to several code points, so it may not stand alone).
      const first = text.codePointAt(0)!.toString(16).padStart(4, '0');
      expect((await toUnicodeMaps(pdf)).some((m) => new RegExp(`<(?:[0-9a-f]{4})*${first}`).test(m.toLowerCase()))).toBe(true);
    });
  }

  it('embeds no Indic face for a slip without Indic text, and only the scripts used otherwise', async () => {
    const latin = await PDFDocument.create();
    expect((await embedSlipFonts(latin, ['Retail DC Pune ₹ 12.50'])).scripts).toEqual({});
    const mixed = await PDFDocument.create();
    expect(Object.keys((await embedSlipFonts(mixed, [SAMPLES.tamil, SAMPLES.bengali])).scripts).sort()).toEqual(['bengali', 'tamil']);
  });

  it('a shipment label with slips in several scripts prints one slip page per box', async () => {
    const label = await PDFDocument.create();
    label.addPage([288, 432]);
    const parentLabel = await label.save();
    const pdf = await buildLabelPdf({
      shipmentCode: 'SHP-IN-2',
      parentAwb: '50012345678',
      parentLabel,
      childLabels: [],
      boxes: [
        { box_code: 'B1', child_awb: null, items: [item({ description: SAMPLES.malayalam })] },
        { box_code: 'B2', child_awb: null, items: [item({ description: SAMPLES.gurmukhi })] },
      ],
      packslip: { invoiceNumber: 'INV-1', invoiceValue: 100, invoiceDate: '2026-11-20', pickupName: 'WH', dropName: SAMPLES.devanagari, dropCity: 'Pune' },
    });
    const names = await fontNames(pdf);
    for (const family of ['NotoSansMalayalam', 'NotoSansGurmukhi', 'NotoSansDevanagari']) expect(names.some((n) => n.includes(family))).toBe(true);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(4);
  });
});
