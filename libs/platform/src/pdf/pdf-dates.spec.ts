import { fixPdfDates, pdfDate } from './pdf-dates';

const skiaPdf = (stamp: string): Buffer =>
  Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}+00'00')\n/ModDate (D:${stamp}+00'00')>>\nendobj\n`, 'latin1'),
    Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]),
    Buffer.from('\nxref\n0 2\nstartxref\n9\n%%EOF\n', 'latin1'),
  ]);

describe('fixPdfDates', () => {
  it('writes the given instant as both dates, byte for byte the same length, binary bytes untouched', () => {
    const printedAt = skiaPdf('20261204134430');
    const fixed = fixPdfDates(printedAt, new Date('2024-06-30T01:02:03Z'));
    expect(fixed.length).toBe(printedAt.length);
    expect(fixed.toString('latin1')).toContain("/CreationDate (D:20240630010203+00'00')");
    expect(fixed.toString('latin1')).toContain("/ModDate (D:20240630010203+00'00')");
    expect(fixed.subarray(fixed.length - 40)).toEqual(printedAt.subarray(printedAt.length - 40));
  });

  it('two printings at different moments become the same bytes', () => {
    const instant = new Date('2024-07-01T00:00:00Z');
    expect(fixPdfDates(skiaPdf('20261204134430'), instant).equals(fixPdfDates(skiaPdf('20251111000001'), instant))).toBe(true);
  });

  it('refuses a PDF without the dates it expects to fix (the bytes would not be reproducible)', () => {
    expect(() => fixPdfDates(Buffer.from('%PDF-1.4\n%%EOF\n'), new Date())).toThrow('CreationDate');
  });

  it('formats an instant as a PDF date in UTC', () => {
    expect(pdfDate(new Date('2024-12-31T16:00:00+08:00'))).toBe("D:20241231080000+00'00'");
  });
});
