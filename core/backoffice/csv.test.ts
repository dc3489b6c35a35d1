import { describe, expect, it } from 'vitest';
import { detectDelimiter, neutraliseCell, readCsv, writeCsv } from './csv';
import { decodeText, encodeWindows1252 } from './encoding';

describe('readCsv', () => {
  it('reads a French spreadsheet export: semicolons, CRLF, BOM, quotes with separators and line breaks', () => {
    const text = '\uFEFFNom;Adresse;Note\r\nDupont;"3, rue des ""Lilas""";"deux\r\nlignes"\r\n\r\nLe Gall;  5 rue Haute  ;\r\n';
    const result = readCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual({ line: 1, fields: ['Nom', 'Adresse', 'Note'] });
    expect(result.records).toEqual([
      { line: 2, fields: ['Dupont', '3, rue des "Lilas"', 'deux\r\nlignes'] },
      { line: 5, fields: ['Le Gall', '5 rue Haute', ''] },
    ]);
  });

  it('detects commas and tabs, semicolons winning ties', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('a;b,c')).toBe(';');
    const result = readCsv('a,b\n1,"x, y"\n');
    expect(result.ok && result.records[0].fields).toEqual(['1', 'x, y']);
  });

  it('reports an unclosed quote with the line its record starts on, and an empty file', () => {
    expect(readCsv('a;b\n1;2\n3;"oops\n4;5\n')).toEqual({ ok: false, error: 'unclosed_quote', line: 3 });
    expect(readCsv('\n\n')).toEqual({ ok: false, error: 'empty', line: 1 });
  });

  it('keeps line numbers right after quoted line breaks and blank lines', () => {
    const result = readCsv('h1;h2\n"a\nb";c\n\nd;e\n');
    expect(result.ok && result.records.map((r) => r.line)).toEqual([2, 5]);
  });
});

describe('formula injection', () => {
  it('neutralises cells starting with = + - @ tab or CR, and nothing else', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(neutraliseCell('+33 6 12 34 56 78')).toBe("'+33 6 12 34 56 78");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\t=1')).toBe("'\t=1");
    expect(neutraliseCell('\r=1')).toBe("'\r=1");
    expect(neutraliseCell('Martin')).toBe('Martin');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('')).toBe('');
  });

  it('writes a CSV with BOM, semicolons and CRLF, neutralising text but not numbers', () => {
    const csv = writeCsv(['Nom', 'Montant', 'Note'], [['=1+1', -2.5, 'a;b'], ['Dupont', 3, null], ['"cité"', 0, '-x']]);
    expect(csv).toBe('\uFEFFNom;Montant;Note\r\n\'=1+1;-2.5;"a;b"\r\nDupont;3;\r\n"""cité""";0;\'-x\r\n');
    // Read back: the neutralised cells keep their apostrophe, the numbers stay numbers.
    const back = readCsv(csv);
    expect(back.ok && back.records.map((r) => r.fields)).toEqual([["'=1+1", '-2.5', 'a;b'], ['Dupont', '3', ''], ['"cité"', '0', "'-x"]]);
  });
});

describe('decodeText', () => {
  const sample = 'Nom;Prénom;Régime\nLefèvre;Chloé;végétarien\nŒuvre;Zoé;—\n';

  it('reads UTF-8 with or without a byte-order mark', () => {
    const utf8 = new TextEncoder().encode(sample);
    expect(decodeText(utf8)).toEqual({ ok: true, text: sample, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text: sample, encoding: 'utf-8' });
  });

  it('reads Windows-1252 (Excel’s « CSV séparateur point-virgule »), including œ and the dash', () => {
    const bytes = encodeWindows1252(sample);
    expect(bytes.length).toBe(sample.length);
    expect(decodeText(bytes)).toEqual({ ok: true, text: sample, encoding: 'windows-1252' });
  });

  it('reads UTF-16 with its byte-order mark', () => {
    const units = [...sample].flatMap((c) => {
      const code = c.charCodeAt(0);
      return [code & 0xff, code >> 8];
    });
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...units]))).toEqual({ ok: true, text: sample, encoding: 'utf-16le' });
  });

  it('refuses empty, spreadsheet and binary files', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, error: 'empty' });
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: false, error: 'spreadsheet' });
    expect(decodeText(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1]))).toEqual({ ok: false, error: 'spreadsheet' });
    expect(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toEqual({ ok: false, error: 'binary' });
  });
});
