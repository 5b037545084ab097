// GBK (code page 936) to text without TextDecoder, which WeChat's JS runtime lacks: Excel on a Chinese Windows
// saves "CSV (逗号分隔)" in GBK. The mapping is iconv-lite's own table (cp936 plus its GBK additions, the
// package's `gbk` encoding), walked here the way iconv-lite's DBCS codec builds it; only the table is taken, not
// the codec, whose output goes through Node's Buffer. It is imported from this subpackage only, so its ~50 KB
// never reach the main package (docs/DESIGN.md#reading-spreadsheets).
import cp936 from 'iconv-lite/encodings/tables/cp936.json'
import gbkAdded from 'iconv-lite/encodings/tables/gbk-added.json'

type Chunk = (string | number)[]

let table: Uint16Array | null = null

/**
 * Code → UTF-16 unit, indexed by the byte (single-byte codes) or by lead << 8 | trail (double-byte codes); 0 is
 * "unassigned" except for NUL. Each chunk starts at a hex code; a string assigns its characters to consecutive
 * codes, a number n continues the previous character's code point n more times.
 */
function gbkTable(): Uint16Array {
  if (table) return table
  const t = new Uint16Array(0x10000)
  for (const chunk of [...(cp936 as Chunk[]), ...(gbkAdded as Chunk[])]) {
    let addr = parseInt(chunk[0] as string, 16)
    for (const part of chunk.slice(1)) {
      if (typeof part === 'string') {
        for (let i = 0; i < part.length; i++) t[addr++] = part.charCodeAt(i)
      } else {
        let code = t[addr - 1] + 1
        for (let i = 0; i < part; i++) t[addr++] = code++
      }
    }
  }
  table = t
  return t
}

const REPLACEMENT = 0xfffd

/**
 * Decodes GBK bytes. A byte pair with no character, a lone lead byte, or a four-byte GB18030 sequence (which
 * code page 936 never writes) becomes U+FFFD; an ASCII byte after a bad lead byte is kept, as the WHATWG
 * decoder does.
 */
export function decodeGbk(bytes: Uint8Array): string {
  const t = gbkTable()
  const units: number[] = []
  let out = ''
  const flush = () => {
    out += String.fromCharCode(...units)
    units.length = 0
  }
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (b < 0x80) units.push(b)
    else if (b === 0x80) units.push(t[0x80] || REPLACEMENT)
    else if (b === 0xff) units.push(REPLACEMENT)
    else {
      const trail = bytes[i + 1]
      if (trail === undefined) units.push(REPLACEMENT)
      else if (trail >= 0x30 && trail <= 0x39) {
        units.push(REPLACEMENT)
        i += 3
      } else if (trail >= 0x40 && trail <= 0xfe && trail !== 0x7f) {
        units.push(t[(b << 8) | trail] || REPLACEMENT)
        i++
      } else {
        units.push(REPLACEMENT)
        if (trail >= 0x80) i++
      }
    }
    if (units.length >= 4096) flush()
  }
  flush()
  return out
}
