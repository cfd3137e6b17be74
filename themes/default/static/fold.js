// brief's Arabic folding (src/text/arabic.rs, fold_char), for search queries: the
// index was built from text folded the same way. tests/it/search.rs runs this file
// with node over a table and compares it with the Rust function.
//
// Harakat (U+064B-U+065F), superscript alef (U+0670) and tatweel (U+0640) are
// dropped; أ إ آ ٱ become ا; ى becomes ي; ASCII and Latin letters are lowercased
// one character to one character; everything else is kept.
function foldChar(c) {
  const cp = c.codePointAt(0);
  if (cp < 0x80) return c.toLowerCase();
  if ((cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || cp === 0x0640) return "";
  if (cp === 0x0623 || cp === 0x0625 || cp === 0x0622 || cp === 0x0671) return "\u0627";
  if (cp === 0x0649) return "\u064a";
  if (((cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff)) && /\p{Alphabetic}/u.test(c)) {
    const lower = c.toLowerCase();
    return Array.from(lower).length === 1 ? lower : c;
  }
  return c;
}

export function fold(text) {
  let out = "";
  for (const c of text) out += foldChar(c);
  return out;
}
