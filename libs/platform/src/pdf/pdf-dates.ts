/**
 * Chromium (Skia) stamps every PDF with the moment it was printed: `/CreationDate (D:20261204134430+00'00')` and the
 * same `/ModDate`; it writes no `/ID`. Everything else is a function of the page. Rewriting both dates in place,
 * with a date of the same length, makes the bytes a function of the page alone and keeps every xref offset valid.
 */
const PDF_DATE = /\/(CreationDate|ModDate) \(D:\d{14}[+\-Z][^)]*\)/g;

/** `D:YYYYMMDDHHmmSS+00'00'` of an instant (UTC), the form Skia writes. */
export const pdfDate = (instant: Date): string => {
  const iso = instant.toISOString(); // 2024-06-30T01:02:03.000Z
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
};

/** The PDF with its CreationDate and ModDate set to `instant`; throws when the PDF does not carry them as Skia does. */
export const fixPdfDates = (pdf: Buffer, instant: Date): Buffer => {
  const date = pdfDate(instant);
  // latin1 maps each byte to one character and back: offsets and binary streams survive the round trip.
  const text = pdf.toString('latin1');
  let found = 0;
  const fixed = text.replace(PDF_DATE, (whole: string, key: string) => {
    found++;
    const replacement = `/${key} (${date})`;
    if (replacement.length !== whole.length) throw new Error(`PDF 日期长度不同：${whole}`);
    return replacement;
  });
  if (found === 0) throw new Error('PDF 中没有 CreationDate / ModDate');
  return Buffer.from(fixed, 'latin1');
};
