/**
 * The text of an uploaded CSV: spreadsheets save it in UTF-8 (with or without a byte-order mark), in UTF-16 when
 * asked for « Unicode », and in Windows-1252 when saved as « CSV (séparateur : point-virgule) » by an older Excel.
 * Anything that is not valid UTF-8 is read as Windows-1252 (every byte is a character there, so French accents
 * come out right). Binary files (an .xlsx sent by mistake, an image) are refused.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; error: 'empty' | 'spreadsheet' | 'binary' };

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: 'empty' };
  // ZIP (xlsx, ods) and the old OLE2 .xls container.
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)) {
    return { ok: false, error: 'spreadsheet' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes.includes(0)) return { ok: false, error: 'binary' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: decodeWindows1252(body), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F in Windows-1252 (undefined bytes kept as their C1 code points, as browsers do). */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Decoded by hand: Node's TextDecoder reads this label as ISO-8859-1 unless built with full ICU. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]);
  }
  return text;
}

/** Windows-1252 bytes of a text (for tests and the sample generator); characters outside the code page throw. */
export function encodeWindows1252(text: string): Uint8Array {
  const special: Record<string, number> = {
    '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
    '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
    '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
  };
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (special[char] !== undefined) out[n++] = special[char];
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[n++] = code;
    else throw new RangeError(`« ${char} » has no Windows-1252 byte`);
  }
  return out.subarray(0, n);
}
