// Result shapes: what each action answers (the `data` of an ok envelope), declared once beside its body schema.
// One declaration gives three things: the TypeScript type both the server (which must return it) and the app
// (which reads it) use, the response lines of docs/API.md, and a runtime check the tests run on every real answer.
// Unlike the body schemas (src/core/schema.ts) nothing here converts or trims: answers are checked, not parsed.

export interface Shape<T> {
  /** May the field be absent from its object? */
  readonly optional: boolean
  /** Appends one line per mismatch (`path: what`) to `problems`. */
  check(value: unknown, path: string, problems: string[]): void
  /** One-line description for docs/API.md; named shapes print their name. */
  describe(): string
  /** The shapes inside this one (fields, items, the wrapped shape), for walking a shape tree. */
  readonly parts?: readonly Shape<unknown>[]
  /** Set on named shapes (`r.named`). */
  readonly shapeName?: string
  /** Type carrier only; never set. */
  readonly __type?: T
}

export type Out<S> = S extends Shape<infer T> ? T : never

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)
const at = (path: string) => path || 'data'

function leaf<T>(name: string, test: (v: unknown) => boolean): Shape<T> {
  return {
    optional: false,
    check(v, path, problems) {
      if (!test(v))
        problems.push(
          `${at(path)}: expected ${name}, got ${['string', 'number', 'boolean'].includes(typeOf(v)) ? JSON.stringify(v).slice(0, 40) : typeOf(v)}`,
        )
    },
    describe: () => name,
  }
}

type Fields = Record<string, Shape<unknown>>
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { optional: true } ? K : never }[keyof F]
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>
type Flat<T> = { [K in keyof T]: T[K] }
export type ObjOut<F extends Fields> = Flat<{ [K in RequiredKeys<F>]: Out<F[K]> } & { [K in OptionalKeys<F>]?: Out<F[K]> }>

export interface ObjShape<F extends Fields> extends Shape<ObjOut<F>> {
  readonly fields: F
}

function obj<F extends Fields>(fields: F): ObjShape<F> {
  return {
    optional: false,
    fields,
    parts: Object.values(fields),
    check(v, path, problems) {
      if (typeOf(v) !== 'object') {
        problems.push(`${at(path)}: expected an object, got ${typeOf(v)}`)
        return
      }
      const o = v as Record<string, unknown>
      for (const key of Object.keys(o)) {
        if (!Object.prototype.hasOwnProperty.call(fields, key)) problems.push(`${path ? `${path}.` : ''}${key}: not declared`)
      }
      for (const [key, shape] of Object.entries(fields)) {
        const p = path ? `${path}.${key}` : key
        if (!Object.prototype.hasOwnProperty.call(o, key) || o[key] === undefined) {
          if (!shape.optional) problems.push(`${p}: missing`)
          continue
        }
        shape.check(o[key], p, problems)
      }
    },
    describe: () =>
      `{ ${Object.entries(fields)
        .map(([k, s]) => `${k}${s.optional ? '?' : ''}: ${s.describe()}`)
        .join(', ')} }`,
  }
}

export const r = {
  str: () => leaf<string>('string', (v) => typeof v === 'string'),
  /** A finite number. */
  num: () => leaf<number>('number', (v) => typeof v === 'number' && Number.isFinite(v)),
  int: () => leaf<number>('integer', (v) => typeof v === 'number' && Number.isInteger(v)),
  /** A score: a JSON number with at most 2 decimals (computed exactly in hundredths, then rounded half-up). */
  score: () => leaf<number>('score', (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6),
  bool: () => leaf<boolean>('boolean', (v) => typeof v === 'boolean'),
  /** ISO 8601 date-time with an offset (the server answers +08:00). */
  time: () => leaf<string>('time', (v) => typeof v === 'string' && ISO_WITH_OFFSET.test(v)),
  /** 'YYYY-MM-DD'. */
  date: () => leaf<string>('date', (v) => typeof v === 'string' && DATE_ONLY.test(v)),
  lit: <T extends string | number | boolean>(value: T) => leaf<T>(JSON.stringify(value).replace(/"/g, "'"), (v) => v === value),
  enumOf: <T extends string>(values: readonly T[]) =>
    leaf<T>(values.map((x) => `'${x}'`).join(' | '), (v) => typeof v === 'string' && (values as readonly string[]).includes(v)),
  arr: <T>(item: Shape<T>): Shape<T[]> => ({
    optional: false,
    parts: [item],
    check(v, path, problems) {
      if (!Array.isArray(v)) {
        problems.push(`${at(path)}: expected an array, got ${typeOf(v)}`)
        return
      }
      v.forEach((x, i) => {
        item.check(x, `${path}[${i}]`, problems)
      })
    },
    describe: () => `${item.describe()}[]`,
  }),
  obj,
  /** A map from any key to one kind of value (e.g. category → points). */
  record: <T>(value: Shape<T>): Shape<Record<string, T>> => ({
    optional: false,
    parts: [value],
    check(v, path, problems) {
      if (typeOf(v) !== 'object') {
        problems.push(`${at(path)}: expected an object, got ${typeOf(v)}`)
        return
      }
      for (const [k, x] of Object.entries(v as object)) value.check(x, `${path}.${k}`, problems)
    },
    describe: () => `{ [key: string]: ${value.describe()} }`,
  }),
  /** The field may be absent. */
  opt: <T>(inner: Shape<T>): Shape<T | undefined> & { optional: true } => ({
    optional: true,
    parts: [inner],
    check: (v, path, problems) => inner.check(v, path, problems),
    describe: () => inner.describe(),
  }),
  /** The value may be null. */
  nullable: <T>(inner: Shape<T>): Shape<T | null> => ({
    optional: false,
    parts: [inner],
    check: (v, path, problems) => {
      if (v !== null) inner.check(v, path, problems)
    },
    describe: () => `${inner.describe()} | null`,
  }),
  /** A shape with a name: docs/API.md prints the name and lists the shape once under "Shapes". */
  named: <S extends Shape<unknown>>(name: string, inner: S): S => ({
    ...inner,
    describe: () => name,
    shapeName: name,
    parts: [inner],
  }),
}

/** The mismatches between a real answer and its declared shape; empty when it conforms. */
export function shapeProblems(shape: Shape<unknown>, value: unknown): string[] {
  const problems: string[] = []
  shape.check(value, '', problems)
  return problems
}

/** Every named shape reachable from `shape`, in first-seen order, with its definition (for docs/API.md). */
export function namedShapesIn(shape: Shape<unknown>, into = new Map<string, Shape<unknown>>()): Map<string, Shape<unknown>> {
  if (shape.shapeName) {
    if (into.has(shape.shapeName)) return into
    const inner = shape.parts?.[0]
    if (inner) into.set(shape.shapeName, inner)
  }
  for (const part of shape.parts ?? []) namedShapesIn(part, into)
  return into
}
