import { ACTIONS } from './contracts'
import { AppError } from './errors'
import { s } from './schema'

function error(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a validation error')
}

describe('shared validation schema', () => {
  const register = ACTIONS['member.register'].body
  const good = { name: '王芳', phone: '13800001234', unitBranchId: 'UB1', estateBranchId: 'E1' }

  it('accepts a good body and trims strings', () => {
    expect(register.parse({ ...good, name: ' 王芳 ' }, '')).toEqual(good)
  })
  it('names the missing field in Chinese', () => {
    const e = error(() => register.parse({ ...good, name: undefined }, ''))
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toContain('姓名')
    expect(e.details).toEqual({ field: 'name' })
    expect(error(() => register.parse({ ...good, phone: '1380000123' }, '')).message).toContain('手机号')
  })
  it('refuses wrong types, $-operators, __proto__ and unknown fields', () => {
    expect(error(() => register.parse({ ...good, phone: 13800001234 }, '')).message).toContain('必须是文本')
    expect(error(() => register.parse({ ...good, unitBranchId: { $gt: '' } }, '')).message).toContain('必须是文本')
    expect(error(() => register.parse(JSON.parse('{"__proto__":{"admin":true},"name":"王芳"}'), '')).message).toContain('__proto__')
    expect(error(() => register.parse({ ...good, role: 'county_admin' }, '')).message).toContain('role')
    expect(error(() => register.parse([good], '')).message).toContain('必须是对象')
  })
  it('bounds strings and refuses control characters', () => {
    expect(error(() => register.parse({ ...good, name: '王'.repeat(21) }, '')).message).toContain('不能超过 20')
    expect(error(() => register.parse({ ...good, name: '王\u0000芳' }, '')).message).toContain('不允许的字符')
  })
  it('refuses invisible and direction-changing characters and lone surrogates, naming the field', () => {
    const hidden = ['\u202e', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2066', '\u2067', '\u2068', '\u2069']
    hidden.push('\u202a', '\u202b', '\u202c', '\u202d', '\u061c', '\u200e', '\u200f', '\ud800', '\udfff', '\udc00\ud800')
    for (const ch of hidden) {
      const e = error(() => register.parse({ ...good, name: `王${ch}芳` }, ''))
      expect(e.message).toBe('姓名（name）含有不允许的字符')
      expect(e.details).toEqual({ field: 'name' })
      // At the ends too, where trimming must not hide them (U+FEFF counts as white space to trim()).
      expect(error(() => register.parse({ ...good, name: `${ch}王芳` }, '')).details).toEqual({ field: 'name' })
      expect(error(() => register.parse({ ...good, name: `王芳${ch}` }, '')).details).toEqual({ field: 'name' })
    }
    // Multi-line free text and record keys refuse them as well.
    const save = ACTIONS['ruleset.save'].body
    const rules = {
      estateBranchId: 'E1',
      year: 2025,
      baseScore: 60,
      fullScore: 100,
      items: [{ code: 'V01', name: '清扫', category: '服务', points: 1 }],
    }
    expect(save.parse(rules, '')).toMatchObject({ items: [{ name: '清扫' }] })
    expect(error(() => save.parse({ ...rules, items: [{ ...rules.items[0], name: '清\u200b扫' }] }, '')).details).toEqual({ field: 'items[0].name' })
    expect(error(() => save.parse({ ...rules, categoryCaps: { '服\u202e务': 10 } }, '')).message).toContain('不允许的字符')
  })
  it('keeps visible text that merely looks unusual: emoji (surrogate pairs), CJK extension B, Uyghur, Arabic', () => {
    for (const name of ['王芳😀', '𠮷野家', 'ئابدۇ', 'محمد']) expect(register.parse({ ...good, name }, '')).toMatchObject({ name })
  })
  it('accepts ids only of letters, digits, _ and -', () => {
    expect(error(() => register.parse({ ...good, estateBranchId: '../E1' }, '')).details).toEqual({ field: 'estateBranchId' })
    expect(error(() => register.parse({ ...good, estateBranchId: '$where' }, '')).details).toEqual({ field: 'estateBranchId' })
  })
  it('refuses NaN, Infinity and impossible dates', () => {
    const create = ACTIONS['activity.create'].body
    const base = { estateBranchId: 'E1', title: '清扫', startAt: '2025-07-01T09:00:00+08:00', endAt: '2025-07-01T11:00:00+08:00', itemCode: 'V01' }
    expect(create.parse(base, '')).toMatchObject({ startAt: Date.parse('2025-07-01T09:00:00+08:00') })
    expect(error(() => create.parse({ ...base, startAt: '2025-02-30T09:00:00+08:00' }, '')).message).toContain('不是真实存在的时间')
    expect(error(() => create.parse({ ...base, startAt: '2025-07-01 09:00' }, '')).message).toContain('ISO 8601')
    expect(error(() => create.parse({ ...base, capacity: Number.NaN }, '')).message).toContain('有效数字')
    expect(error(() => create.parse({ ...base, capacity: Infinity }, '')).message).toContain('有效数字')
    expect(error(() => ACTIONS['ruleset.adopt'].body.parse({ rulesetId: 'R', adoptedOn: '2025-13-01' }, '')).message).toContain('日期')
  })
  it('parses scores into integer hundredths and refuses a third decimal', () => {
    const h = s.hundredths({ label: '分', min: 0, max: 100 })
    expect(h.parse(87.25, 'x')).toBe(8725)
    expect(h.parse(0.29, 'x')).toBe(29)
    expect(error(() => h.parse(87.255, 'x')).message).toContain('两位小数')
    expect(error(() => h.parse(100.01, 'x')).message).toContain('不能大于')
  })
  it('refuses __proto__ as a record key', () => {
    const caps = ACTIONS['ruleset.save'].body
    const body = JSON.parse(
      '{"estateBranchId":"E1","year":2025,"baseScore":60,"fullScore":100,"items":[{"code":"V01","name":"x","category":"c","points":1}],"categoryCaps":{"__proto__":5}}',
    )
    expect(error(() => caps.parse(body, '')).code).toBe('VALIDATION')
  })
})
