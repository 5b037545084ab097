import { namedShapesIn, r, shapeProblems } from './shape'

const row = r.named(
  'Row',
  r.obj({ id: r.str(), points: r.score(), at: r.time(), on: r.opt(r.date()), band: r.nullable(r.enumOf(['优秀', '合格'] as const)) }),
)
const answer = r.obj({ rows: r.arr(row), byMonth: r.record(r.score()) })
const good = { rows: [{ id: 'a', points: 88.63, at: '2025-07-01T10:00:00+08:00', band: null }], byMonth: { '2025-07': 5 } }

it('accepts an answer that matches its shape, optional fields absent and nullable ones null', () => {
  expect(shapeProblems(answer, good)).toEqual([])
})

it('names every mismatch: undeclared and missing fields, a third decimal, a time without offset, a wrong enum', () => {
  const bad = {
    rows: [
      { id: 'a', points: 88.625, at: '2025-07-01 10:00', band: '很好', extra: 1 },
      { points: 1, at: '2025-07-01T10:00:00Z', band: '合格' },
    ],
    byMonth: { '2025-07': '5' },
  }
  expect(shapeProblems(answer, bad)).toEqual([
    'rows[0].extra: not declared',
    'rows[0].points: expected score, got 88.625',
    'rows[0].at: expected time, got "2025-07-01 10:00"',
    "rows[0].band: expected '优秀' | '合格', got \"很好\"",
    'rows[1].id: missing',
    'byMonth.2025-07: expected score, got "5"',
  ])
  expect(shapeProblems(answer, null)).toEqual(['data: expected an object, got null'])
  expect(shapeProblems(r.arr(row), { rows: [] })).toEqual(['data: expected an array, got object'])
})

it('describes shapes for docs/API.md, printing named shapes by name and listing them once', () => {
  expect(answer.describe()).toBe('{ rows: Row[], byMonth: { [key: string]: score } }')
  const named = namedShapesIn(answer)
  expect([...named.keys()]).toEqual(['Row'])
  expect(named.get('Row')?.describe()).toBe("{ id: string, points: score, at: time, on?: date, band: '优秀' | '合格' | null }")
})
