import { DEFAULT_TEMPLATE, templateTermsView } from '@/core/template'
import { blankDraft, blankItem, buildSaveBody, buildTemplateBody, categoriesOf, draftFrom } from './draft'

/** The built-in county template in view units, as `ruleset.template` serves it. */
const COUNTY_TEMPLATE = templateTermsView(DEFAULT_TEMPLATE)

describe('积分明细 draft', () => {
  it('round-trips a version into a save body, keeping negative items and caps', () => {
    const built = buildSaveBody(draftFrom(COUNTY_TEMPLATE, '县级模板'), 'E1', 2025)
    expect(built.error).toBeUndefined()
    expect(built.body).toMatchObject({
      estateBranchId: 'E1',
      year: 2025,
      baseScore: 60,
      fullScore: 100,
      minPresenceRatio: 0.6,
      categoryCaps: { 志愿服务: 30 },
    })
    expect(built.body?.items.find((i) => i.code === 'N01')).toEqual({
      code: 'N01',
      name: '无故缺席集中活动',
      category: '负面清单',
      points: -5,
      requiresApproval: true,
    })
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
  it('builds the county template body: the same terms, no estate', () => {
    const built = buildTemplateBody(draftFrom(COUNTY_TEMPLATE, '县级模板'), 2026)
    expect(built.error).toBeUndefined()
    expect(built.body).not.toHaveProperty('estateBranchId')
    expect(built.body).toMatchObject({ year: 2026, baseScore: 60, fullScore: 100, minPresenceRatio: 0.6, categoryCaps: { 志愿服务: 30 } })
    expect(built.body?.items).toEqual(buildSaveBody(draftFrom(COUNTY_TEMPLATE, '县级模板'), 'E1', 2026).body?.items)
    const base = draftFrom(COUNTY_TEMPLATE, '县级模板')
    base.baseScore = '101'
    expect(buildTemplateBody(base, 2026).error).toContain('基础分')
  })
  it('drops a blank category cap and a blank item cap (no cap)', () => {
    const d = draftFrom(COUNTY_TEMPLATE, '县级模板')
    d.categoryCaps = { 志愿服务: '' }
    d.items[0] = { ...d.items[0], capPerYear: ' ' }
    const built = buildSaveBody(d, 'E1', 2025)
    expect(built.body?.categoryCaps).toBeUndefined()
    expect(built.body?.items[0].capPerYear).toBeUndefined()
  })

  it('starts a blank draft with one empty item and default terms that the schema accepts once the item is filled in', () => {
    const d = blankDraft()
    expect(d).toMatchObject({ from: '空白模板', baseScore: '60', fullScore: '100', presencePct: '60', categoryCaps: {} })
    expect(d.items).toHaveLength(1)
    expect(d.items[0]).toMatchObject({
      code: '',
      name: '',
      category: '',
      points: '',
      perHour: false,
      capPerYear: '',
      requiresApproval: true,
      evidenceRequired: false,
    })
    expect(categoriesOf(d)).toEqual([])
    // Nothing to save until the row is filled in, and the message points at that row.
    expect(buildSaveBody(d, 'E1', 2026).error).toBe('第 1 条细则：编号只能用字母、数字、下划线或连字符，如 V04')
    d.items[0] = { ...d.items[0], code: 'A01', name: '楼道清洁', category: '志愿服务', points: '2' }
    expect(buildSaveBody(d, 'E1', 2026)).toEqual({
      body: {
        estateBranchId: 'E1',
        year: 2026,
        baseScore: 60,
        fullScore: 100,
        minPresenceRatio: 0.6,
        items: [{ code: 'A01', name: '楼道清洁', category: '志愿服务', points: 2, requiresApproval: true }],
      },
    })
    // Each blank draft is its own: rows get fresh keys and editing one leaves the next untouched.
    const again = blankDraft()
    expect(again.items[0].key).not.toBe(d.items[0].key)
    expect(again.items[0].code).toBe('')
  })
})
