// Bad-body generator for the fuzz test (docs/DESIGN.md#bad-input): walks an action's body schema and produces bodies that break
// it one field at a time — wrong types, missing fields, unknown keys, `$`-operators, `__proto__`, non-finite and
// out-of-range numbers, impossible dates, malformed ids, oversized strings and arrays, deep garbage — plus a few
// bodies whose validity the generator does not claim ("maybe"), which must still never produce a 500.
//
// Whether a mutation is invalid is decided here from the rules of docs/DESIGN.md#bad-input and the documented field bounds, not by
// asking the schema, so a schema that wrongly accepts something shows up as a failure instead of being trusted.
// Also: a seeded PRNG and a fingerprint of the whole database, used to prove "no state change".
import { createHash } from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Schema } from '../../src/core/schema'
import { MAX_BODY_BYTES } from '../../src/core/contracts'
import { COLLECTIONS } from '../ports/store.port'

// ---------------------------------------------------------------------------------------------- PRNG

export interface Rng {
  readonly seed: number
  next(): number
  int(n: number): number
  pick<T>(xs: readonly T[]): T
  shuffle<T>(xs: T[]): T[]
}

/** mulberry32: tiny, fast and good enough to make fuzz runs reproducible from one 32-bit seed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    seed: seed >>> 0,
    next,
    int,
    pick: (xs) => xs[int(xs.length)],
    shuffle(xs) {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = int(i + 1)
        ;[xs[i], xs[j]] = [xs[j], xs[i]]
      }
      return xs
    },
  }
}

/** FUZZ_SEED from the environment (decimal or 0x…), else a fresh random seed. */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.FUZZ_SEED?.trim()
  if (v) {
    const n = Number(v)
    if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer, got ${v}`)
    return n >>> 0
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0
}

// ---------------------------------------------------------------------------------------------- schema tree

export type Node =
  | { t: 'str'; optional: boolean; label?: string; min: number; max: number; pattern?: RegExp; multiline: boolean }
  | { t: 'num'; optional: boolean; label?: string; min?: number; max?: number; integer: boolean }
  | { t: 'score'; optional: boolean; label?: string; min?: number; max?: number }
  | { t: 'bool'; optional: boolean; label?: string }
  | { t: 'enum'; optional: boolean; label?: string; values: readonly string[] }
  | { t: 'datetime'; optional: boolean; label?: string }
  | { t: 'date'; optional: boolean; label?: string }
  | { t: 'arr'; optional: boolean; label?: string; item: Node; min: number; max: number }
  | { t: 'obj'; optional: boolean; label?: string; shape: Record<string, Node> }
  | { t: 'rec'; optional: boolean; label?: string; key: Node; value: Node; max: number }

/** The schema classes keep their options private; read them, and fail loudly if the builder changes shape. */
function peek<T>(schema: unknown, field: string): T {
  const v = (schema as Record<string, unknown>)[field]
  if (v === undefined) throw new Error(`fuzz: cannot read "${field}" of a ${(schema as Schema<unknown>).kind} schema — update server/testing/fuzz.ts`)
  return v as T
}

export function introspect(schema: Schema<unknown>): Node {
  let optional = false
  let sch = schema
  if (sch.optional) {
    optional = true
    sch = peek<Schema<unknown>>(sch, 'inner')
  }
  const label = sch.label
  const o = (sch as unknown as { o?: Record<string, unknown> }).o ?? {}
  switch (sch.kind) {
    case 'string':
      return {
        t: 'str',
        optional,
        label,
        min: (o.min as number | undefined) ?? 1,
        max: (o.max as number | undefined) ?? 200,
        pattern: o.pattern as RegExp | undefined,
        multiline: !!o.multiline,
      }
    case 'number':
      return { t: 'num', optional, label, min: o.min as number | undefined, max: o.max as number | undefined, integer: !!o.integer }
    case 'score':
      return { t: 'score', optional, label, min: o.min as number | undefined, max: o.max as number | undefined }
    case 'boolean':
      return { t: 'bool', optional, label }
    case 'enum':
      return { t: 'enum', optional, label, values: peek<readonly string[]>(sch, 'values') }
    case 'datetime':
      return { t: 'datetime', optional, label }
    case 'date':
      return { t: 'date', optional, label }
    case 'array': {
      const ao = peek<{ min?: number; max: number }>(sch, 'o')
      return { t: 'arr', optional, label, item: introspect(peek(sch, 'item')), min: ao.min ?? 0, max: ao.max }
    }
    case 'object': {
      const shape: Record<string, Node> = {}
      for (const [k, v] of Object.entries(peek<Record<string, Schema<unknown>>>(sch, 'shape'))) shape[k] = introspect(v)
      return { t: 'obj', optional, label, shape }
    }
    case 'record':
      return {
        t: 'rec',
        optional,
        label,
        key: introspect(peek(sch, 'key')),
        value: introspect(peek(sch, 'value')),
        max: peek<{ max: number }>(sch, 'o').max,
      }
    default:
      throw new Error(`fuzz: unknown schema kind ${sch.kind} — teach server/testing/fuzz.ts about it`)
  }
}

// ---------------------------------------------------------------------------------------------- raw JSON

/** A token written verbatim into the JSON text (1e999, deep nesting): things JSON.stringify cannot express. */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes Raw tokens verbatim and every own key, `__proto__` included. */
export function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** Sets an own enumerable key, even `__proto__`. */
function own(obj: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
}

type Path = (string | number)[]

export function pathString(p: Path): string {
  let s = ''
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k
  return s
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v))
}

function at(root: unknown, p: Path): unknown {
  let cur = root
  for (const k of p) cur = (cur as Record<string | number, unknown>)[k]
  return cur
}

function withValue(base: unknown, p: Path, value: unknown): unknown {
  if (p.length === 0) return value
  const out = clone(base)
  const parent = at(out, p.slice(0, -1)) as Record<string | number, unknown>
  const last = p[p.length - 1]
  if (typeof last === 'string') own(parent as Record<string, unknown>, last, value)
  else parent[last] = value
  return out
}

function without(base: unknown, p: Path): unknown {
  const out = clone(base)
  const parent = at(out, p.slice(0, -1)) as Record<string, unknown>
  delete parent[p[p.length - 1] as string]
  return out
}

function withKey(base: unknown, p: Path, key: string, value: unknown): unknown {
  const out = clone(base)
  own(at(out, p) as Record<string, unknown>, key, value)
  return out
}

// ---------------------------------------------------------------------------------------------- valid values

/** Realistic values by field name, so that "maybe" bodies reach the use cases rather than stopping at 404. */
export type Hints = Record<string, unknown>

const ID_SOURCE = '^[A-Za-z0-9_-]+$'
const isIdLike = (n: Node) => n.t === 'str' && n.pattern?.source === ID_SOURCE

function validValue(n: Node, key: string | number, hints: Hints): unknown {
  if (typeof key === 'string' && key in hints) return clone(hints[key])
  switch (n.t) {
    case 'str': {
      // The last: a score.list page cursor (well-formed; its signature is judged by the action, not the schema).
      const candidates = ['测试内容', 'abc', '13800000001', '123456', 'Ab_1-x', 'Fuzz0000000000000', 'c1.2025.E1.Fuzz.x']
      const pick = candidates.find((c) => c.length >= n.min && c.length <= n.max && (!n.pattern || n.pattern.test(c)))
      if (!pick) throw new Error(`fuzz: no valid sample for string ${n.label}`)
      return pick
    }
    case 'num': {
      const candidates = [2025, 10, 1, 0, 0.5]
      const ok = candidates.find(
        (c) => (n.min === undefined || c >= n.min) && (n.max === undefined || c <= n.max) && (!n.integer || Number.isInteger(c)),
      )
      return ok ?? n.min ?? 0
    }
    case 'score': {
      const ok = [10, 1, 0].find((c) => (n.min === undefined || c >= n.min) && (n.max === undefined || c <= n.max))
      return ok ?? n.min ?? 0
    }
    case 'bool':
      return true
    case 'enum':
      return n.values[0]
    case 'datetime':
      return '2025-07-01T09:00:00+08:00'
    case 'date':
      return '2025-01-15'
    case 'arr':
      return Array.from({ length: Math.max(1, n.min) }, (_, i) => validValue(n.item, i, hints))
    case 'obj': {
      const out: Record<string, unknown> = {}
      for (const [k, child] of Object.entries(n.shape)) out[k] = validValue(child, k, hints)
      return out
    }
    case 'rec':
      return { 类别甲: validValue(n.value, '', hints) }
  }
}

/** A body that satisfies the schema, with every optional field present (so each can be broken). */
export function validBody(n: Node, hints: Hints = {}): unknown {
  return validValue(n, '', hints)
}

// ---------------------------------------------------------------------------------------------- cases

export type Expect = 'invalid' | 'too_large' | 'maybe'

export interface FuzzCase {
  action: string
  /** What was done, e.g. `items[0].code ← "a/b" (id with '/')`. */
  what: string
  /** The JSON text sent. */
  text: string
  expect: Expect
  /**
   * For 'invalid': the field the error must name (details.field equals it or lies beneath it);
   * null = the body as a whole; undefined = not checked.
   */
  field?: string | null
}

export const KB = 1024
/** Strings of this size make the body exceed MAX_BODY_BYTES (64 KB): 413 before anything is parsed. */
export const HUGE = 'x'.repeat(70 * KB)
const BIG = 'x'.repeat(10 * KB)

const OPERATORS: Record<string, unknown>[] = [{ $gt: '' }, { $where: '1' }, { $ne: null }, { $in: ['E1', 'E2'] }, { $regex: '.*' }]

function deepArray(depth: number) {
  return new Raw('['.repeat(depth) + ']'.repeat(depth))
}
function deepObject(depth: number) {
  return new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
}

const short = (v: unknown) => {
  const s = v instanceof Raw ? v.text : typeof v === 'string' ? JSON.stringify(v) : toJson(v)
  return s.length > 60 ? `${s.slice(0, 40)}…(${s.length} chars)` : s
}

interface Mutation {
  what: string
  value: unknown
}

/** Values of the wrong JSON type for a node. */
function wrongTypes(n: Node): Mutation[] {
  const all: [string, unknown][] = [
    ['number', 123],
    ['boolean', true],
    ['array', ['x']],
    ['empty array', []],
    ['object', { a: 1 }],
    ['string', 'x'],
    ['numeric string', '10'],
  ]
  const ok: Record<Node['t'], string[]> = {
    str: ['string', 'numeric string'],
    enum: ['string', 'numeric string'],
    date: ['string', 'numeric string'],
    datetime: ['string', 'numeric string'],
    num: ['number'],
    score: ['number'],
    bool: ['boolean'],
    arr: ['array', 'empty array'],
    obj: ['object'],
    rec: ['object'],
  }
  return all.filter(([k]) => !ok[n.t].includes(k)).map(([k, v]) => ({ what: `wrong type (${k})`, value: v }))
}

/** Values of the right type that break the node's bounds — invalid by construction. */
function outOfBounds(n: Node, valid: unknown): Mutation[] {
  const m: Mutation[] = []
  switch (n.t) {
    case 'str': {
      m.push({ what: `${n.max + 1} chars (max ${n.max})`, value: 'x'.repeat(n.max + 1) })
      m.push({ what: '10 KB string', value: BIG })
      if (n.min >= 1) {
        m.push({ what: 'empty string', value: '' })
        m.push({ what: 'only spaces', value: '   ' })
      }
      m.push({ what: 'NUL character', value: `a\u0000b` })
      m.push({ what: 'control character', value: `a\u0007b` })
      // Invisible and direction-changing characters are refused like control characters, so nobody displays as someone else.
      m.push({ what: 'right-to-left override', value: `a\u202eb` })
      m.push({ what: 'zero-width space', value: `a\u200bb` })
      m.push({ what: 'first-strong isolate', value: `a\u2068b` })
      m.push({ what: 'trailing byte-order mark', value: `ab\ufeff` })
      m.push({ what: 'lone high surrogate', value: `a\ud800b` })
      m.push({ what: 'lone low surrogate', value: `a\udc00b` })
      if (!n.multiline) m.push({ what: 'newline in a one-line field', value: 'a\nb' })
      if (isIdLike(n)) {
        for (const [what, v] of [
          ["id with '/'", 'E1/../E2'],
          ["id with '.'", 'E1.x'],
          ["id with '$'", '$E1'],
          ['id with inner space', 'E 1'],
          ['id with quote', `E1'--`],
          ['id with Chinese', '小区一'],
          ['id with fullwidth digit', 'E１'],
          ['id of 65 chars', 'a'.repeat(65)],
          ['id looking like an operator', '$gt'],
          ['id with a NUL', 'E1\u0000'],
        ] as const) {
          if (what === 'id of 65 chars' && n.max >= 65) continue
          m.push({ what, value: v })
        }
      } else if (n.pattern?.test('13800000001')) {
        for (const v of ['1380000000', '138000000011', '23800000000', '+8613800000001', '1380000000a', '１３８００００００００１'])
          m.push({ what: 'malformed phone', value: v })
      } else if (n.pattern?.test('123456')) {
        for (const v of ['12345', '1234567', 'abcdef', '１２３４５６', '12 456', '-12345']) m.push({ what: 'malformed 6-digit code', value: v })
      }
      break
    }
    case 'num':
    case 'score': {
      if (n.min !== undefined) m.push({ what: `below min ${n.min}`, value: n.t === 'num' && !n.integer ? n.min - 0.5 : n.min - 1 })
      if (n.max !== undefined) m.push({ what: `above max ${n.max}`, value: n.t === 'num' && !n.integer ? n.max + 0.5 : n.max + 1 })
      if (n.min === undefined || n.min > -1) m.push({ what: 'negative', value: -1 })
      if (n.min === undefined || n.min > -1e6) m.push({ what: 'hugely negative', value: -1e308 })
      m.push({ what: 'huge', value: 1e308 })
      m.push({ what: 'raw 1e999 (Infinity)', value: new Raw('1e999') })
      m.push({ what: 'raw -1e999 (-Infinity)', value: new Raw('-1e999') })
      m.push({ what: 'string "NaN"', value: 'NaN' })
      m.push({ what: 'string "Infinity"', value: 'Infinity' })
      m.push({ what: 'MAX_SAFE_INTEGER + 2', value: new Raw('9007199254740993') })
      const lo = n.min ?? 0
      if (n.t === 'num' && n.integer) m.push({ what: 'not an integer', value: lo + 0.5 })
      if (n.t === 'score') m.push({ what: 'three decimals', value: lo + 0.001 })
      break
    }
    case 'bool':
      m.push({ what: 'string "true"', value: 'true' }, { what: 'number 1', value: 1 }, { what: 'number 0', value: 0 })
      break
    case 'enum':
      m.push(
        { what: 'unknown enum value', value: 'nope' },
        { what: 'enum upper-cased', value: String(n.values[0]).toUpperCase() },
        { what: 'empty enum value', value: '' },
        { what: 'enum "__proto__"', value: '__proto__' },
        { what: 'enum "constructor"', value: 'constructor' },
        { what: 'enum "toString"', value: 'toString' },
      )
      break
    case 'datetime':
      for (const v of [
        '2025-02-30T09:00:00+08:00',
        '2025-02-29T09:00:00+08:00',
        '2025-04-31T09:00:00+08:00',
        '2025-13-01',
        '2025-13-01T09:00:00+08:00',
        '2025-00-10T09:00:00+08:00',
        '2025-07-01T24:00:00+08:00',
        '2025-07-01T09:60:00+08:00',
        '2025-07-01T09:00:61+08:00',
        '2025-07-01T09:00:00',
        '2025-07-01',
        'yesterday',
        'now',
        '1751331600000',
        '2025-07-01T09:00:00+08:00 ',
        '2025-07-01T09:00:00+99:99',
      ])
        m.push({ what: `impossible date-time ${JSON.stringify(v)}`, value: v })
      m.push({ what: 'epoch number instead of ISO text', value: 1751331600000 })
      break
    case 'date':
      for (const v of [
        '2025-02-30',
        '2025-02-29',
        '2025-13-01',
        '2025-00-10',
        '2025-04-31',
        '2025-1-5',
        '20250115',
        'yesterday',
        '2025-01-15T00:00:00+08:00',
        '2025/01/15',
      ]) {
        m.push({ what: `impossible date ${JSON.stringify(v)}`, value: v })
      }
      break
    case 'arr': {
      if (n.min >= 1) m.push({ what: 'empty array (min 1)', value: [] })
      const item = (valid as unknown[])[0]
      const over = Array.from({ length: n.max + 1 }, () => item)
      m.push({ what: `${n.max + 1} items (max ${n.max})`, value: over })
      m.push({ what: 'array with a null item', value: [null] })
      m.push({ what: 'array of nested garbage', value: [[[[[{ $gt: '' }]]]]] })
      m.push({ what: 'array-like object', value: { 0: item, length: 1 } })
      break
    }
    case 'obj':
      break
    case 'rec': {
      const v = validValue(n.value, '', {})
      const many: Record<string, unknown> = {}
      for (let i = 0; i <= n.max; i++) many[`类别${i}`] = v
      m.push({ what: `${n.max + 1} entries (max ${n.max})`, value: many })
      const emptyKey = {}
      own(emptyKey, '', v)
      m.push({ what: 'empty key', value: emptyKey })
      const longKey = {}
      own(longKey, 'k'.repeat(n.key.t === 'str' ? n.key.max + 1 : 100), v)
      m.push({ what: 'over-long key', value: longKey })
      for (const k of ['__proto__', 'constructor', 'prototype']) {
        const o = {}
        own(o, k, v)
        m.push({ what: `key ${JSON.stringify(k)}`, value: o })
      }
      break
    }
  }
  return m
}

/** Keys no body or nested object accepts. */
const BAD_KEYS: [string, unknown][] = [
  ['zz_unknown', 1],
  ['__proto__', { isAdmin: true, role: 'county_admin' }],
  ['constructor', { prototype: { polluted: true } }],
  ['prototype', { polluted: true }],
  ['$where', '1'],
  ['role', 'county_admin'],
  ['openid', 'demo-admin'],
  ['_id', 'x'],
]

/** Every bad body for one action's schema. */
export function casesFor(action: string, schema: Schema<unknown>, hints: Hints = {}): FuzzCase[] {
  const root = introspect(schema)
  if (root.t !== 'obj') throw new Error(`fuzz: body of ${action} is not an object schema`)
  const base = validBody(root, hints) as Record<string, unknown>
  const out: FuzzCase[] = []
  const add = (what: string, body: unknown, expect: Expect, field?: string | null) => {
    const text = body instanceof Raw ? body.text : toJson(body)
    // Whatever else is wrong with it, a body over the limit is refused for its size before it is parsed.
    if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) out.push({ action, what, text, expect: 'too_large' })
    else out.push({ action, what, text, expect, field })
  }

  // The body as a whole.
  add('body is an array', [base], 'invalid', null)
  add('body is a string', 'x', 'invalid', null)
  add('body is a number', 123, 'invalid', null)
  add('body is true', true, 'invalid', null)
  add('body is not JSON', new Raw('{"year": 20'), 'invalid', undefined)
  add('body is JSON with a trailing comma', new Raw('{"a":1,}'), 'invalid', undefined)
  add('body of 10 000 nested arrays', deepArray(10000), 'invalid', null)
  add('body of 70 KB whitespace around {}', new Raw(`{}${' '.repeat(70 * KB)}`), 'too_large')
  add('body with a 70 KB unknown field', withKey(base, [], 'zz_padding', HUGE), 'too_large')
  add('body is null', null, 'maybe')
  add('body is empty', new Raw(''), 'maybe')

  const walk = (n: Node, p: Path, value: unknown) => {
    const ps = pathString(p)
    if (p.length > 0) {
      const isKey = typeof p[p.length - 1] === 'string'
      if (!isKey) {
        // An array item: "missing" and null are covered by the array's own mutations.
      } else if (!n.optional) {
        add(`${ps} missing`, without(base, p), 'invalid', ps)
        add(`${ps} ← null (required)`, withValue(base, p, null), 'invalid', ps)
      } else {
        add(`${ps} dropped (optional)`, without(base, p), 'maybe')
        add(`${ps} ← null (optional)`, withValue(base, p, null), 'maybe')
      }
      for (const w of wrongTypes(n)) add(`${ps} ← ${short(w.value)} (${w.what})`, withValue(base, p, w.value), 'invalid', ps)
      for (const w of outOfBounds(n, value)) add(`${ps} ← ${short(w.value)} (${w.what})`, withValue(base, p, w.value), 'invalid', ps)
      if (n.t !== 'obj' && n.t !== 'rec') {
        for (const op of OPERATORS) add(`${ps} ← ${short(op)} (operator object)`, withValue(base, p, op), 'invalid', ps)
        add(`${ps} ← 2000 nested arrays`, withValue(base, p, deepArray(2000)), 'invalid', ps)
        add(`${ps} ← 2000 nested objects`, withValue(base, p, deepObject(2000)), 'invalid', ps)
      }
      add(`${ps} ← 70 KB string`, withValue(base, p, HUGE), 'too_large')
      // Duplicate key in the raw text: JSON.parse keeps the last one, here the valid one.
      if (typeof p[p.length - 1] === 'string' && p.length === 1) {
        const text = toJson(base)
        add(`${ps} duplicated, bad value first`, new Raw(`{${JSON.stringify(p[0])}:{"$gt":""},${text.slice(1)}`), 'maybe')
      }
      // Boundary values a schema must accept or refuse cleanly.
      if (n.t === 'str' && !n.pattern) {
        add(`${ps} ← exactly ${n.max} chars`, withValue(base, p, '文'.repeat(n.max)), 'maybe')
        add(`${ps} ← padded with spaces`, withValue(base, p, `  ${value}  `), 'maybe')
        add(`${ps} ← looks like an operator`, withValue(base, p, '$gt'), 'maybe')
      }
      if (n.t === 'num' || n.t === 'score') {
        if (n.min !== undefined) add(`${ps} ← min ${n.min}`, withValue(base, p, n.min), 'maybe')
        if (n.max !== undefined) add(`${ps} ← max ${n.max}`, withValue(base, p, n.max), 'maybe')
        add(`${ps} ← raw 1e-999 (0)`, withValue(base, p, new Raw('1e-999')), 'maybe')
        add(`${ps} ← raw -0`, withValue(base, p, new Raw('-0')), 'maybe')
      }
    }
    if (n.t === 'obj') {
      for (const [k, v] of BAD_KEYS) {
        if (Object.prototype.hasOwnProperty.call(n.shape, k)) continue
        const key = ps ? `${ps}.${k}` : k
        add(`${key} added (unknown key)`, withKey(base, p, k, v), 'invalid', key)
      }
      for (const op of OPERATORS) {
        const k = Object.keys(op)[0]
        if (p.length > 0) add(`${ps} ← ${short(op)} (operator object)`, withValue(base, p, op), 'invalid', `${ps}.${k}`)
      }
      for (const [k, child] of Object.entries(n.shape)) walk(child, [...p, k], (value as Record<string, unknown>)[k])
    } else if (n.t === 'arr') {
      walk(n.item, [...p, 0], (value as unknown[])[0])
    } else if (n.t === 'rec') {
      for (const op of OPERATORS) {
        // '$gt' is an acceptable category name; the value that follows is not a score.
        add(`${ps} ← ${short(op)} (operator object as record)`, withValue(base, p, op), 'invalid', ps)
      }
    }
  }
  walk(root, [], base)
  return out
}

// ---------------------------------------------------------------------------------------------- DB fingerprint

export interface Fingerprint {
  counts: Record<string, number>
  hashes: Record<string, string>
}

/**
 * A read-only view of the backend's SQLite file: counts of every collection and a hash of every document
 * (the audit collection included), so any write between two fingerprints shows.
 */
export function openFingerprinter(dataDir: string) {
  const db = new Database(path.join(dataDir, 'dual-score.db'), { readonly: true, fileMustExist: true })
  const stmts = COLLECTIONS.map((c) => [c, db.prepare(`SELECT id, doc FROM "${c}" ORDER BY id`)] as const)
  return {
    take(): Fingerprint {
      const counts: Record<string, number> = {}
      const hashes: Record<string, string> = {}
      for (const [c, st] of stmts) {
        const h = createHash('sha256')
        let n = 0
        for (const row of st.iterate() as Iterable<{ id: string; doc: string }>) {
          h.update(row.id).update('\u0000').update(row.doc).update('\u0001')
          n++
        }
        counts[c] = n
        hashes[c] = h.digest('hex').slice(0, 16)
      }
      return { counts, hashes }
    },
    close() {
      db.close()
    },
  }
}

/** The collections whose content differs between two fingerprints. */
export function changed(a: Fingerprint, b: Fingerprint): string[] {
  return Object.keys(a.hashes).filter((c) => a.hashes[c] !== b.hashes[c] || a.counts[c] !== b.counts[c])
}

export const hasChinese = (s: unknown) => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s)
