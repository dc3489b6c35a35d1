/**
 * pdfkit's standard fonts (Helvetica, no font file to ship) only know Windows-1252: any other character prints as
 * garbage. Names and labels come from users, so every string goes through here first: accents that 1252 lacks are
 * dropped (ǎ → a), a few look-alikes replaced, anything else becomes « ? ».
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const LOOK_ALIKES: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2007': '\u00a0',
  '−': '-',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
};

function printable(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (printable(char)) out += char;
    else if (char === '\n' || char === '\t') out += ' ';
    else if (LOOK_ALIKES[char]) out += LOOK_ALIKES[char];
    else {
      const bare = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += bare.length > 0 && [...bare].every(printable) ? bare : '?';
    }
  }
  return out;
}
