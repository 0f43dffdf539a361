import { csvRows } from './csv-rows';

describe('csvRows', () => {
  it('numbers each record by the line it starts on: header line 1, quoted cells spanning lines, empty lines, CRLF or LF', () => {
    for (const end of ['\r\n', '\n']) {
      const text = ['\uFEFFvoucher,note', 'A-1,"two', 'lines"', '', 'A-2,plain', '"A-3","three', 'whole', 'lines"', 'A-4,last'].join(end);
      expect(csvRows(text).map((row) => [row.line, row.cells[0]])).toEqual([
        [1, 'voucher'],
        [2, 'A-1'],
        [5, 'A-2'],
        [6, 'A-3'],
        [9, 'A-4'],
      ]);
    }
  });

  it('keeps the text of a multi-line cell and trims cells', () => {
    expect(csvRows('a,b\r\n 1 ,"x\r\ny"\r\n')[1].cells).toEqual(['1', 'x\ny']);
  });
});
