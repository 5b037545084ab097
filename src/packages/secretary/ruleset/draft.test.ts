import { COUNTY_TEMPLATE, blankItem, buildSaveBody, draftFrom } from './draft'

describe('积分明细 draft', () => {
  it('round-trips a version into a save body, keeping negative items and caps', () => {
    const built = buildSaveBody(draftFrom(COUNTY_TEMPLATE, '县级模板'), 'E1', 2025)
    expect(built.error).toBeUndefined()
    expect(built.body).toMatchObject({ estateBranchId: 'E1', year: 2025, baseScore: 60, fullScore: 100, minPresenceRatio: 0.6, categoryCaps: { 志愿服务: 30 } })
    expect(built.body?.items.find((i) => i.code === 'N01')).toEqual({ code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -5, requiresApproval: true })
    expect(built.body?.items.find((i) => i.code === 'V03')).toMatchObject({ perHour: true, capPerYear: 10 })
  })
  it('names the item that is wrong', () => {
    const d = draftFrom(COUNTY_TEMPLATE, '县级模板')
    d.items[1] = { ...d.items[1], points: '三' }
    expect(buildSaveBody(d, 'E1', 2025).error).toBe('第 2 条细则（V02）：分值应为 -100 到 100 之间的非零数，负数为扣分')
    const dup = draftFrom(COUNTY_TEMPLATE, '县级模板')
    dup.items.push({ ...blankItem(), code: 'V01', name: '重复', category: '志愿服务', points: '1' })
    expect(buildSaveBody(dup, 'E1', 2025).error).toBe('第 7 条细则：编号 V01 重复')
    const base = draftFrom(COUNTY_TEMPLATE, '县级模板')
    base.baseScore = '120'
    expect(buildSaveBody(base, 'E1', 2025).error).toContain('基础分')
  })
  it('drops a blank category cap and a blank item cap (no cap)', () => {
    const d = draftFrom(COUNTY_TEMPLATE, '县级模板')
    d.categoryCaps = { 志愿服务: '' }
    d.items[0] = { ...d.items[0], capPerYear: ' ' }
    const built = buildSaveBody(d, 'E1', 2025)
    expect(built.body?.categoryCaps).toBeUndefined()
    expect(built.body?.items[0].capPerYear).toBeUndefined()
  })
})
