import {
  A4_300DPI,
  CODE_MIN,
  FALLBACK_HINT,
  type Measure,
  type PosterInfo,
  type PosterOp,
  SCAN_TEXT,
  a4Height,
  posterLayout,
  wrapText,
} from './layout'

/** A canvas-like measure: a CJK or full-width character is one em wide, anything else (Latin, digits, space) half. */
const measure: Measure = (text, fontPx) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? fontPx : fontPx * 0.5), 0)

const info: PosterInfo = {
  title: '楼道清洁志愿服务',
  timeText: '12月8日 14:00–16:00',
  place: '幸福里小区 3 号楼架空层',
  estate: '幸福里小区党支部',
  windowText: '有效时段：12月8日 13:30–16:00',
}

const texts = (ops: PosterOp[]) => ops.filter((o): o is Extract<PosterOp, { kind: 'text' }> => o.kind === 'text')
const codeOf = (ops: PosterOp[]) =>
  ops.find((o): o is Extract<PosterOp, { kind: 'code' }> => o.kind === 'code') as Extract<PosterOp, { kind: 'code' }>

/** Every step lies on the page, and no two text lines or a line and the code overlap. */
function assertFits(l: ReturnType<typeof posterLayout>) {
  const boxes = l.ops.map((o) => {
    if (o.kind === 'rect') return { o, x: o.x, y: o.y, w: o.w, h: o.h }
    if (o.kind === 'code') return { o, x: o.x, y: o.y, w: o.size, h: o.size }
    const w = measure(o.text, o.fontPx, o.bold)
    return { o, x: o.align === 'center' ? o.x - w / 2 : o.x, y: o.y, w, h: o.fontPx }
  })
  for (const b of boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0)
    expect(b.y).toBeGreaterThanOrEqual(0)
    expect(b.x + b.w).toBeLessThanOrEqual(l.width + 1)
    expect(b.y + b.h).toBeLessThanOrEqual(l.height + 1)
  }
  const content = boxes.filter((b) => b.o.kind !== 'rect')
  for (let i = 0; i < content.length; i++) {
    for (let j = i + 1; j < content.length; j++) {
      const a = content[i]
      const b = content[j]
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
      if (overlap) throw new Error(`overlap: ${JSON.stringify(a.o)} and ${JSON.stringify(b.o)}`)
    }
  }
}

describe('wrapping Chinese text for the poster', () => {
  it('breaks between Chinese characters at the width', () => {
    expect(wrapText('一二三四五六七八九十', 400, 100, true, measure)).toEqual(['一二三四', '五六七八', '九十'])
  })

  it('keeps numbers and Latin words whole and drops the space at a break', () => {
    // "3 号楼" must not become "…3" / "号楼…" with "2026" split.
    const lines = wrapText('活动于2026年在 3号楼 Room 101 举行', 600, 100, false, measure)
    expect(lines.join('|')).not.toMatch(/20\|26|Roo\|m|10\|1/)
    for (const l of lines) expect(measure(l, 100, false)).toBeLessThanOrEqual(600)
    // Nothing lost but the spaces at the breaks.
    expect(lines.join('').replace(/\s/g, '')).toBe('活动于2026年在3号楼Room101举行')
    for (const l of lines) expect(l).toBe(l.trim())
  })

  it('never starts a line with closing punctuation nor ends one with an opening mark (避头尾)', () => {
    // Width for exactly four characters: "一二三四" then "，" would start line 2.
    const a = wrapText('一二三四，五六七八。', 400, 100, false, measure)
    expect(a).toEqual(['一二三', '四，五六', '七八。'])
    const b = wrapText('一二三（四五）六', 400, 100, false, measure)
    for (const l of b) {
      expect(l).not.toMatch(/^[，。、）」]/)
      expect(l).not.toMatch(/[（「]$/)
    }
    expect(b.join('')).toBe('一二三（四五）六')
  })

  it('cuts a word wider than the line by characters', () => {
    const lines = wrapText('ABCDEFGHIJKLMNOPQRST', 500, 100, false, measure)
    expect(lines).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST'])
  })

  it('ends the last allowed line with an ellipsis when the text is longer', () => {
    const lines = wrapText('一二三四五六七八九十一二三四五', 400, 100, false, measure, 2)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe('一二三四')
    expect(lines[1].endsWith('…')).toBe(true)
    expect(measure(lines[1], 100, false)).toBeLessThanOrEqual(400)
  })

  it('answers nothing for blank text', () => {
    expect(wrapText('  \n ', 400, 100, false, measure)).toEqual([])
  })
})

describe('the A4 poster layout', () => {
  it('is A4 (210 × 297) at 300 dpi by default and scales to any width', () => {
    const l = posterLayout(info, measure)
    expect([l.width, l.height]).toEqual([A4_300DPI.width, A4_300DPI.height])
    expect(a4Height(1240)).toBe(1754)
    const half = posterLayout(info, measure, 1240)
    expect([half.width, half.height]).toEqual([1240, 1754])
    // Same composition, half the size.
    expect(codeOf(half.ops).size).toBe(Math.round(codeOf(l.ops).size / 2))
    assertFits(half)
  })

  it('says everything the poster must say, in order from top to bottom', () => {
    const l = posterLayout(info, measure)
    const t = texts(l.ops).map((o) => o.text)
    const joined = t.join('\n')
    for (const s of [info.title, info.timeText, info.place as string, info.estate as string, SCAN_TEXT, info.windowText]) expect(joined).toContain(s)
    // The fallback hint (6-digit code) is there in full, over its lines.
    expect(t.join('').replace(/\s/g, '')).toContain(FALLBACK_HINT.replace(/\s/g, ''))
    const yOf = (s: string) => (texts(l.ops).find((o) => o.text.includes(s)) as { y: number }).y
    const code = codeOf(l.ops)
    expect(yOf(info.title)).toBeLessThan(yOf(info.timeText))
    expect(yOf(info.timeText)).toBeLessThan(code.y)
    expect(yOf(SCAN_TEXT)).toBeGreaterThan(code.y + code.size)
    assertFits(l)
  })

  it('gives a short title the largest type and the code the rest of the page, centred', () => {
    const l = posterLayout(info, measure)
    const code = codeOf(l.ops)
    expect(l.title).toEqual({ fontPx: 190, lines: [info.title] })
    // As large as the page allows: what is left between the rows above and the texts below (≈ 107 mm).
    expect(code.size).toBeGreaterThanOrEqual(1250)
    expect(Math.abs(code.x * 2 + code.size - l.width)).toBeLessThanOrEqual(1)
  })

  it('wraps a long Chinese title, shrinking the type before the code falls under ~93 mm', () => {
    const long = { ...info, title: '关于开展“双报到”在职党员进社区参与垃圾分类宣传引导暨楼道堆物清理志愿服务活动的通知' }
    const l = posterLayout(long, measure)
    expect(l.title.lines.length).toBeGreaterThan(1)
    expect(l.title.lines.length).toBeLessThanOrEqual(3)
    expect(l.title.fontPx).toBeLessThan(190)
    expect(l.title.lines.join('')).toBe(long.title)
    expect(codeOf(l.ops).size).toBeGreaterThanOrEqual(1100)
    for (const line of l.title.lines) expect(measure(line, l.title.fontPx, true)).toBeLessThanOrEqual(2480 - 400)
    assertFits(l)
  })

  it('keeps everything on the page for the longest title and address, the code still scannable', () => {
    const worst = { ...info, title: '长'.repeat(200), place: '地'.repeat(200), estate: '小'.repeat(60), windowText: `有效时段：${'时'.repeat(80)}` }
    const l = posterLayout(worst, measure)
    expect(l.title.lines).toHaveLength(3)
    expect(l.title.lines[2].endsWith('…')).toBe(true)
    expect(codeOf(l.ops).size).toBeGreaterThanOrEqual(CODE_MIN)
    assertFits(l)
  })

  it('leaves out a row that has nothing to say', () => {
    const l = posterLayout({ ...info, place: undefined, estate: '  ' }, measure)
    const t = texts(l.ops).map((o) => o.text)
    expect(t).not.toContain('地点：')
    expect(t).not.toContain('小区：')
    expect(t).toContain('时间：')
    assertFits(l)
  })
})
