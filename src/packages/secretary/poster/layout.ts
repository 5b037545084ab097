// The check-in poster's composition (docs/DESIGN.md#check-in-layers): what goes where on an A4 sheet, as a list of
// drawing steps. Pure (the text width comes from an injected measure), so the layout maths and the wrapping of long
// Chinese titles are tested without a canvas; poster-canvas.{h5,weapp}.ts only carry the steps out.

/** A4 portrait is 210 × 297 mm; the design grid is A4 at 300 dpi (2480 × 3508 px), scaled for smaller canvases. */
export const A4_300DPI = { width: 2480, height: 3508 } as const
export const a4Height = (width: number): number => Math.round((width * A4_300DPI.height) / A4_300DPI.width)

/** What the poster says about the activity. */
export interface PosterInfo {
  title: string
  /** "12月8日 14:00–16:00" */
  timeText: string
  place?: string
  estate?: string
  /** When the printed code is accepted ("有效时段：…"). */
  windowText: string
}

/** Width in px of `text` drawn at `fontPx` (bold or not): ctx.measureText on a canvas, a fake in tests. */
export type Measure = (text: string, fontPx: number, bold: boolean) => number

export type PosterOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  /** `y` is the top of the line box (textBaseline 'top'); `x` is the left edge, or the centre when align is 'center'. */
  | { kind: 'text'; text: string; x: number; y: number; fontPx: number; bold: boolean; color: string; align: 'left' | 'center' }
  /** The 小程序码 / QR image, drawn square. */
  | { kind: 'code'; x: number; y: number; size: number }

export interface PosterLayout {
  width: number
  height: number
  ops: PosterOp[]
  /** The title's font size and lines as chosen (reported for tests and the preview's alt text). */
  title: { fontPx: number; lines: string[] }
}

export const POSTER_RED = '#c8161d'
const INK = '#1a1a1a'
const GREY = '#555555'

export const SCAN_TEXT = '微信扫码签到'
export const FALLBACK_HINT = '无法扫码时：打开微信小程序「在职党员双积分」，点「签到」，输入现场大屏上的 6 位签到码。'
export const REVIEW_NOTE = '扫此码签到的记录，经小区党支部书记审核后计分'
const HEADER = '在职党员双积分 · 活动签到'

// ------------------------------------------------------------------------------------------------ text wrapping

/** Characters a line must not start with (closing punctuation, 避头). */
const NO_START = new Set([...'，。、；：！？）」』》〉】〕”’…—%,.;:!?)]}'])
/** Characters a line must not end with (opening punctuation, 避尾). */
const NO_END = new Set([...'（「『《〈【〔“‘([{'])

/** Latin words and numbers stay whole ("2026", "3号楼" breaks after 3); every CJK character is its own token. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9.\-:/@_'%]*|\s+|[\s\S]/gu) ?? []
}

/** Cuts `text` to fit `maxWidth` with a trailing ellipsis. */
function ellipsize(text: string, maxWidth: number, fontPx: number, bold: boolean, measure: Measure): string {
  const chars = [...text]
  while (chars.length && measure(`${chars.join('').trimEnd()}…`, fontPx, bold) > maxWidth) chars.pop()
  return `${chars.join('').trimEnd()}…`
}

/**
 * Greedy line breaking for mixed Chinese/Latin text: breaks between CJK characters, keeps Latin words and numbers
 * whole (splitting one only when it alone is wider than the line), keeps closing punctuation off a line's start
 * and opening punctuation off its end, drops spaces at the break, and ends the last allowed line with "…" when
 * the text does not fit in `maxLines`.
 */
export function wrapText(text: string, maxWidth: number, fontPx: number, bold: boolean, measure: Measure, maxLines = Infinity): string[] {
  const clean = text.replace(/[\r\n\t]+/g, ' ').trim()
  if (!clean) return []
  const lines: string[][] = [[]]
  const width = (toks: string[]) => measure(toks.join(''), fontPx, bold)
  for (const tok of tokens(clean)) {
    const line = lines[lines.length - 1]
    if (width([...line, tok]) <= maxWidth || (line.length === 0 && /^\s+$/.test(tok))) {
      line.push(tok)
      continue
    }
    if (/^\s+$/.test(tok)) {
      lines.push([])
      continue
    }
    // A word wider than a whole line is cut by characters.
    if (width([tok]) > maxWidth) {
      let rest = [...tok]
      while (rest.length) {
        const cur = lines[lines.length - 1]
        let n = 0
        while (n < rest.length && width([...cur, rest.slice(0, n + 1).join('')]) <= maxWidth) n++
        if (n === 0 && cur.length === 0) n = 1
        if (n > 0) cur.push(rest.slice(0, n).join(''))
        rest = rest.slice(n)
        if (rest.length) lines.push([])
      }
      continue
    }
    const next: string[] = [tok]
    // 避头: closing punctuation takes the previous character with it; 避尾: an opening mark moves down too.
    if (NO_START.has([...tok][0]) && line.length > 1) next.unshift(line.pop() as string)
    while (line.length > 1 && NO_END.has([...line[line.length - 1]].slice(-1)[0])) next.unshift(line.pop() as string)
    lines.push(next)
  }
  const out = lines.map((l) => l.join('').trim()).filter(Boolean)
  if (out.length <= maxLines) return out
  const kept = out.slice(0, maxLines)
  kept[maxLines - 1] = ellipsize(out.slice(maxLines - 1).join(''), maxWidth, fontPx, bold, measure)
  return kept
}

// ------------------------------------------------------------------------------------------------------- layout

/** Title sizes tried, largest first (grid px; 190 px ≈ 16 mm tall characters at 300 dpi). */
const TITLE_SIZES = [190, 170, 150, 132, 116, 100]
const TITLE_MAX_LINES = 3
/** The code is wanted at least this big (grid px, ≈ 93 mm); a smaller title font is chosen before a smaller code. */
const CODE_WANTED = 1100
const CODE_MAX = 1400
/** Never smaller than this (≈ 55 mm), still an easy scan from arm's length. */
export const CODE_MIN = 650

/**
 * The poster on a `width` × A4-height canvas: a red header, the title (as large as fits in three lines while the
 * code keeps ≥ 93 mm), 时间 / 地点 / 小区, the code as large as the rest allows, "微信扫码签到", the 6-digit fallback
 * hint, the code's valid hours and a red footer saying scans are reviewed.
 */
export function posterLayout(info: PosterInfo, measure: Measure, width: number = A4_300DPI.width): PosterLayout {
  const k = width / A4_300DPI.width
  const H = A4_300DPI.height
  const W = A4_300DPI.width
  const M = 200
  const inner = W - 2 * M
  // Measured in grid px: the canvas measures at the real (scaled) size.
  const m: Measure = (t, px, bold) => measure(t, px * k, bold) / k

  const build = (titlePx: number) => {
    const ops: PosterOp[] = []
    const text = (t: string, x: number, y: number, fontPx: number, bold: boolean, color: string, align: 'left' | 'center') =>
      ops.push({ kind: 'text', text: t, x, y, fontPx, bold, color, align })

    // Header band
    const headerH = 400
    ops.push({ kind: 'rect', x: 0, y: 0, w: W, h: headerH, color: POSTER_RED })
    text(HEADER, W / 2, (headerH - 110) / 2, 110, true, '#ffffff', 'center')

    // Title
    let y = headerH + 150
    const titleLines = wrapText(info.title, inner, titlePx, true, m, TITLE_MAX_LINES)
    for (const line of titleLines) {
      text(line, W / 2, y, titlePx, true, INK, 'center')
      y += Math.round(titlePx * 1.3)
    }
    y += 70

    // 时间 / 地点 / 小区
    const rowPx = 84
    const rowLine = Math.round(rowPx * 1.45)
    const labelW = m('时间：', rowPx, true) + 10
    const rows: [string, string | undefined, number][] = [
      ['时间：', info.timeText, 1],
      ['地点：', info.place, 2],
      ['小区：', info.estate, 1],
    ]
    for (const [label, value, maxLines] of rows) {
      if (!value?.trim()) continue
      const lines = wrapText(value, inner - labelW, rowPx, false, m, maxLines)
      text(label, M, y, rowPx, true, POSTER_RED, 'left')
      for (const line of lines) {
        text(line, M + labelW, y, rowPx, false, INK, 'left')
        y += rowLine
      }
      y += 16
    }
    y += 60

    // Below the code, from the bottom up: footer band, valid hours, fallback hint, "微信扫码签到".
    const footerH = 220
    const footerY = H - footerH
    ops.push({ kind: 'rect', x: 0, y: footerY, w: W, h: footerH, color: POSTER_RED })
    text(wrapText(REVIEW_NOTE, inner, 72, false, m, 1)[0] ?? '', W / 2, footerY + (footerH - 72) / 2, 72, false, '#ffffff', 'center')

    const hintPx = 76
    const hintLines = wrapText(FALLBACK_HINT, inner, hintPx, false, m, 3)
    const windowLines = wrapText(info.windowText, inner, 64, false, m, 2)
    const scanPx = 170
    const below = Math.round(scanPx * 1.3) + 40 + hintLines.length * Math.round(hintPx * 1.45) + 30 + windowLines.length * Math.round(64 * 1.45) + 80
    const codeSize = Math.min(CODE_MAX, footerY - below - y)
    const size = Math.max(CODE_MIN, codeSize)
    ops.push({ kind: 'code', x: Math.round((W - size) / 2), y, size })
    y += size + 50
    text(SCAN_TEXT, W / 2, y, scanPx, true, POSTER_RED, 'center')
    y += Math.round(scanPx * 1.3) + 40
    for (const line of hintLines) {
      text(line, W / 2, y, hintPx, false, INK, 'center')
      y += Math.round(hintPx * 1.45)
    }
    y += 30
    for (const line of windowLines) {
      text(line, W / 2, y, 64, false, GREY, 'center')
      y += Math.round(64 * 1.45)
    }
    return { ops, codeSize, titleLines }
  }

  let chosen = build(TITLE_SIZES[0])
  let titlePx = TITLE_SIZES[0]
  for (const px of TITLE_SIZES) {
    chosen = build(px)
    titlePx = px
    if (chosen.codeSize >= CODE_WANTED && wrapText(info.title, inner, px, true, m).length <= TITLE_MAX_LINES) break
  }

  const scale = (v: number) => Math.round(v * k)
  const ops = chosen.ops.map((op): PosterOp => {
    if (op.kind === 'rect') return { ...op, x: scale(op.x), y: scale(op.y), w: scale(op.w), h: scale(op.h) }
    if (op.kind === 'code') return { ...op, x: scale(op.x), y: scale(op.y), size: scale(op.size) }
    return { ...op, x: scale(op.x), y: scale(op.y), fontPx: scale(op.fontPx) }
  })
  return { width: Math.round(width), height: a4Height(width), ops, title: { fontPx: scale(titlePx), lines: chosen.titleLines } }
}

/** The CSS font for a text step (Chinese UI fonts first; the same string is used to measure). */
export const posterFont = (fontPx: number, bold: boolean): string =>
  `${bold ? 'bold ' : ''}${fontPx}px "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`
