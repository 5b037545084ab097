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
