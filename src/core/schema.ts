// A small validation schema shared by the app (forms) and the server (every action body).
// Why not a library: messages must be Chinese and name the field, unknown keys (incl. `__proto__`) must be
// refused, and the main-package budget of the mini program is tight.
import { AppError } from './errors'

export interface Schema<T> {
  readonly kind: string
  readonly label?: string
  readonly optional: boolean
  /** Validates `value`; throws AppError('VALIDATION') naming `path`. */
  parse(value: unknown, path: string): T
  /** One-line human description used by docs/API.md. */
  describe(): string
}

export type Infer<S> = S extends Schema<infer T> ? T : never

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
/**
 * Characters that change how text is shown without showing themselves: zero-width ones, direction marks, bidi
 * embeddings, overrides and isolates. With them a name can display as someone else's (or be read backwards).
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u061c]/
/** A surrogate not in a pair: not a character at all. Written without the `u` flag for older mini program engines. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/

function invalid(path: string, label: string | undefined, what: string): never {
  const name = label ? `${label}（${path || '请求'}）` : path || '请求体'
  throw new AppError('VALIDATION', `${name}${what}`, { field: path || null })
}

abstract class Base<T> implements Schema<T> {
  abstract readonly kind: string
  label?: string
  optional = false
  abstract check(value: unknown, path: string): T
  abstract describe(): string
  parse(value: unknown, path: string): T {
    return this.check(value, path)
  }
  fail(path: string, what: string): never {
    return invalid(path, this.label, what)
  }
}

interface StrOpts {
  label?: string
  min?: number
  max?: number
  pattern?: RegExp
  patternHint?: string
  multiline?: boolean
}
class Str extends Base<string> {
  readonly kind = 'string'
  constructor(private o: StrOpts) {
    super()
    this.label = o.label
  }
  check(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, '必须是文本')
    const s = (v as string).trim()
    const min = this.o.min ?? 1
    const max = this.o.max ?? 200
    if (s.length < min) this.fail(path, min <= 1 ? '不能为空' : `至少 ${min} 个字`)
    if (s.length > max) this.fail(path, `不能超过 ${max} 个字`)
    // Checked before trimming too: trim() would silently drop a U+FEFF at either end.
    if (CONTROL.test(s) || INVISIBLE.test(v as string) || LONE_SURROGATE.test(v as string) || (!this.o.multiline && /[\r\n]/.test(s))) {
      this.fail(path, '含有不允许的字符')
    }
    if (this.o.pattern && !this.o.pattern.test(s)) this.fail(path, this.o.patternHint ?? '格式不正确')
    return s
  }
  describe() {
    return `string(${this.o.min ?? 1}..${this.o.max ?? 200})`
  }
}

interface NumOpts {
  label?: string
  min?: number
  max?: number
  integer?: boolean
}
class Num extends Base<number> {
  readonly kind = 'number'
  constructor(private o: NumOpts) {
    super()
    this.label = o.label
  }
  check(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, '必须是有效数字')
    const n = v as number
    if (this.o.integer && !Number.isInteger(n)) this.fail(path, '必须是整数')
    if (this.o.min !== undefined && n < this.o.min) this.fail(path, `不能小于 ${this.o.min}`)
    if (this.o.max !== undefined && n > this.o.max) this.fail(path, `不能大于 ${this.o.max}`)
    return n
  }
  describe() {
    return `${this.o.integer ? 'integer' : 'number'}(${this.o.min ?? '-∞'}..${this.o.max ?? '∞'})`
  }
}

/** A score with at most 2 decimals; parsed into an integer number of hundredths. */
class Hundredths extends Base<number> {
  readonly kind = 'score'
  constructor(private o: { label?: string; min?: number; max?: number }) {
    super()
    this.label = o.label
  }
  check(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, '必须是有效数字')
    const n = v as number
    const h = Math.round(n * 100)
    if (Math.abs(h - n * 100) > 1e-6) this.fail(path, '最多保留两位小数')
    if (this.o.min !== undefined && n < this.o.min) this.fail(path, `不能小于 ${this.o.min}`)
    if (this.o.max !== undefined && n > this.o.max) this.fail(path, `不能大于 ${this.o.max}`)
    return h
  }
  describe() {
    return `score(${this.o.min ?? '-∞'}..${this.o.max ?? '∞'}, ≤2 decimals)`
  }
}

class Bool extends Base<boolean> {
  readonly kind = 'boolean'
  constructor(label?: string) {
    super()
    this.label = label
  }
  check(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, '必须是 true 或 false')
    return v as boolean
  }
  describe() {
    return 'boolean'
  }
}

class Enum<T extends string> extends Base<T> {
  readonly kind = 'enum'
  constructor(
    private values: readonly T[],
    label?: string,
  ) {
    super()
    this.label = label
  }
  check(v: unknown, path: string): T {
    if (typeof v !== 'string' || !(this.values as readonly string[]).includes(v)) {
      this.fail(path, `必须是以下之一：${this.values.join(' / ')}`)
    }
    return v as T
  }
  describe() {
    return this.values.map((x) => `'${x}'`).join(' | ')
  }
}

const ISO_DT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

/** ISO 8601 date-time with an explicit offset; parsed into epoch milliseconds. */
class DateTime extends Base<number> {
  readonly kind = 'datetime'
  constructor(label?: string) {
    super()
    this.label = label
  }
  check(v: unknown, path: string): number {
    if (typeof v !== 'string') this.fail(path, '必须是带时区的 ISO 8601 时间，如 2025-07-01T09:00:00+08:00')
    const m = ISO_DT.exec(v as string)
    if (!m) this.fail(path, '必须是带时区的 ISO 8601 时间，如 2025-07-01T09:00:00+08:00')
    const [, y, mo, d, h, mi, s] = m as RegExpExecArray
    if (!isRealDate(+y, +mo, +d) || +h > 23 || +mi > 59 || (s !== undefined && +s > 59)) this.fail(path, '不是真实存在的时间')
    const t = Date.parse(v as string)
    if (!Number.isFinite(t)) this.fail(path, '不是真实存在的时间')
    return t
  }
  describe() {
    return 'ISO 8601 date-time with offset'
  }
}

class DateOnly extends Base<string> {
  readonly kind = 'date'
  constructor(label?: string) {
    super()
    this.label = label
  }
  check(v: unknown, path: string): string {
    const m = typeof v === 'string' ? DATE.exec(v) : null
    if (!m) this.fail(path, '必须是日期，格式 YYYY-MM-DD')
    const [, y, mo, d] = m as RegExpExecArray
    if (!isRealDate(+y, +mo, +d)) this.fail(path, '不是真实存在的日期')
    return v as string
  }
  describe() {
    return "date 'YYYY-MM-DD'"
  }
}

class Arr<T> extends Base<T[]> {
  readonly kind = 'array'
  constructor(
    private item: Schema<T>,
    private o: { label?: string; min?: number; max: number },
  ) {
    super()
    this.label = o.label
  }
  check(v: unknown, path: string): T[] {
    if (!Array.isArray(v)) this.fail(path, '必须是列表')
    const a = v as unknown[]
    if (a.length < (this.o.min ?? 0)) this.fail(path, this.o.min === 1 ? '不能为空' : `至少 ${this.o.min} 项`)
    if (a.length > this.o.max) this.fail(path, `最多 ${this.o.max} 项`)
    return a.map((x, i) => this.item.parse(x, `${path}[${i}]`))
  }
  describe() {
    return `${this.item.describe()}[] (≤${this.o.max})`
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

type Shape = Record<string, Schema<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S]
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>
export type ObjOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }

class Obj<S extends Shape> extends Base<ObjOf<S>> {
  readonly kind = 'object'
  constructor(
    readonly shape: S,
    label?: string,
  ) {
    super()
    this.label = label
  }
  check(v: unknown, path: string): ObjOf<S> {
    if (!isPlainObject(v)) this.fail(path, '必须是对象')
    const src = v as Record<string, unknown>
    for (const key of Object.keys(src)) {
      if (!Object.prototype.hasOwnProperty.call(this.shape, key)) {
        invalid(path ? `${path}.${key}` : key, undefined, ' 不是可接受的字段')
      }
    }
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(this.shape)) {
      const s = this.shape[key]
      const p = path ? `${path}.${key}` : key
      const has = Object.prototype.hasOwnProperty.call(src, key) && src[key] !== undefined && src[key] !== null
      if (!has) {
        if (s.optional) continue
        invalid(p, s.label, '不能为空')
      }
      out[key] = s.parse(src[key], p)
    }
    return out as ObjOf<S>
  }
  describe() {
    return `{ ${Object.entries(this.shape)
      .map(([k, s]) => `${k}${s.optional ? '?' : ''}: ${s.describe()}`)
      .join(', ')} }`
  }
}

/** A map from a bounded key to a value (e.g. category → cap). */
class Rec<T> extends Base<Record<string, T>> {
  readonly kind = 'record'
  constructor(
    private key: Schema<string>,
    private value: Schema<T>,
    private o: { label?: string; max: number },
  ) {
    super()
    this.label = o.label
  }
  check(v: unknown, path: string): Record<string, T> {
    if (!isPlainObject(v)) this.fail(path, '必须是对象')
    const entries = Object.keys(v as object)
    if (entries.length > this.o.max) this.fail(path, `最多 ${this.o.max} 项`)
    const out: Record<string, T> = Object.create(null)
    for (const k of entries) {
      const key = this.key.parse(k, `${path}.${k}`)
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') invalid(`${path}.${k}`, undefined, ' 不是可接受的名称')
      out[key] = this.value.parse((v as Record<string, unknown>)[k], `${path}.${k}`)
    }
    return { ...out }
  }
  describe() {
    return `{ [${this.key.describe()}]: ${this.value.describe()} }`
  }
}

class Opt<T> implements Schema<T | undefined> {
  readonly optional = true
  constructor(private inner: Schema<T>) {}
  get kind() {
    return this.inner.kind
  }
  get label() {
    return this.inner.label
  }
  parse(v: unknown, path: string) {
    return v === undefined || v === null ? undefined : this.inner.parse(v, path)
  }
  describe() {
    return this.inner.describe()
  }
}

export const s = {
  str: (o: StrOpts = {}) => new Str(o),
  /** Ids: letters, digits, `_` and `-`, 1–64 characters; never an operator or a path. */
  id: (label?: string) => new Str({ label, min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternHint: '只能包含字母、数字、下划线和连字符' }),
  num: (o: NumOpts = {}) => new Num(o),
  int: (o: NumOpts = {}) => new Num({ ...o, integer: true }),
  hundredths: (o: { label?: string; min?: number; max?: number } = {}) => new Hundredths(o),
  bool: (label?: string) => new Bool(label),
  enumOf: <T extends string>(values: readonly T[], label?: string) => new Enum<T>(values, label),
  datetime: (label?: string) => new DateTime(label),
  date: (label?: string) => new DateOnly(label),
  arr: <T>(item: Schema<T>, o: { label?: string; min?: number; max: number }) => new Arr<T>(item, o),
  obj: <S extends Shape>(shape: S, label?: string) => new Obj<S>(shape, label),
  record: <T>(key: Schema<string>, value: Schema<T>, o: { label?: string; max: number }) => new Rec<T>(key, value, o),
  opt: <T>(inner: Schema<T>) => new Opt<T>(inner) as Schema<T | undefined> & { optional: true },
}

export const phoneSchema = (label = '手机号') =>
  s.str({ label, min: 11, max: 11, pattern: /^1[3-9]\d{9}$/, patternHint: '必须是 11 位中国大陆手机号' })
