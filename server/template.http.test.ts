// The county's 积分明细 template over real HTTP: served from the county's data (or the built-in default),
// maintained by the county admin only, validated like an estate's draft, refused for a locked year, audited, and
// never touching an estate's rule sets.
import { startTestServer, ok, type TestServer } from './testing/harness'
import { DEFAULT_TEMPLATE, templateTermsView } from '../src/core/template'
import { yearSettings } from './queries/year-settings'
import { toIsoShanghai } from '../src/core/time'

const ADMIN = 'demo-admin'
const SEC1 = 'demo-secretary-e1'
const STREET = 'demo-street-s1'
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer() // T0 = 2025-07-01 10:00 Asia/Shanghai
})
afterAll(() => srv.close())

const templates = () => srv.deps.store.find('templates', {})
const saveAudits = async () => (await srv.deps.store.find('audit', {})).filter((a) => a.action === 'ruleset.saveTemplate')

/** The built-in template as a saveTemplate body for `year`, with some changes. */
function changedBody(year: number) {
  const view = templateTermsView(DEFAULT_TEMPLATE)
  return {
    year,
    baseScore: 55,
    fullScore: 100,
    minPresenceRatio: 0.75,
    categoryCaps: { 志愿服务: 25 },
    items: [
      ...view.items.filter((i) => i.code !== 'R01'),
      { code: 'G01', name: '垃圾分类督导', category: '志愿服务', points: 1.5, perHour: true, capPerYear: 6, requiresApproval: true },
    ],
  }
}

describe('ruleset.template', () => {
  it('serves the built-in default until the county saves one', async () => {
    const t = ok(await srv.call(SEC1, 'ruleset.template', { year: 2025 }))
    expect(t).toEqual({ year: 2025, source: 'default', ...templateTermsView(DEFAULT_TEMPLATE) })
    expect(t).toMatchObject({ baseScore: 60, fullScore: 100, minPresenceRatio: 0.6, categoryCaps: { 志愿服务: 30 } })
    expect(t.items.find((i: { code: string }) => i.code === 'N01')).toEqual({
      code: 'N01',
      name: '无故缺席集中活动',
      category: '负面清单',
      points: -5,
      requiresApproval: true,
    })
    expect(t.savedAt).toBeUndefined()
    expect((await srv.call('demo-member-1', 'ruleset.template', { year: 2025 })).status).toBe(403)
  })
})

describe('ruleset.saveTemplate', () => {
  it('refuses callers other than the county admin, writing nothing', async () => {
    for (const who of [SEC1, STREET, 'demo-community-cm1']) {
      const r = await srv.call(who, 'ruleset.saveTemplate', changedBody(2025))
      expect(r.status).toBe(403)
      expect(r.body.error?.code).toBe('FORBIDDEN')
    }
    expect(await templates()).toEqual([])
  })

  it('refuses bad bodies with 400, writing nothing', async () => {
    const baseOverFull = await srv.call(ADMIN, 'ruleset.saveTemplate', { ...changedBody(2025), baseScore: 90, fullScore: 80 })
    expect(baseOverFull.status).toBe(400)
    expect(baseOverFull.body.error).toMatchObject({ code: 'VALIDATION', details: { field: 'baseScore' } })
    const body = changedBody(2025)
    const dup = await srv.call(ADMIN, 'ruleset.saveTemplate', { ...body, items: [...body.items, { ...body.items[0], name: '重复' }] })
    expect(dup.status).toBe(400)
    expect(dup.body.error?.message).toContain('细则编号重复：V01')
    const threeDecimals = await srv.call(ADMIN, 'ruleset.saveTemplate', { ...body, items: [{ ...body.items[0], points: 1.005 }] })
    expect(threeDecimals.status).toBe(400)
    expect((await srv.call(ADMIN, 'ruleset.saveTemplate', { ...body, items: [] })).status).toBe(400)
    expect((await srv.call(ADMIN, 'ruleset.saveTemplate', { ...body, estateBranchId: 'E1' })).status).toBe(400)
    expect(await templates()).toEqual([])
    expect(await saveAudits()).toEqual([])
  })

  it('stores the county template; secretaries then draft from it, and no estate rule set changes', async () => {
    const rulesetsBefore = await srv.deps.store.find('rulesets', {})
    const e1Before = ok(await srv.call(SEC1, 'ruleset.get', { estateBranchId: 'E1', year: 2025 }))

    const saved = ok(await srv.call(ADMIN, 'ruleset.saveTemplate', changedBody(2025)))
    expect(saved).toMatchObject({
      year: 2025,
      source: 'county',
      templateYear: 2025,
      savedAt: toIsoShanghai(srv.clock.t),
      baseScore: 55,
      minPresenceRatio: 0.75,
      categoryCaps: { 志愿服务: 25 },
    })
    expect(typeof saved.savedBy).toBe('string')

    const seen = ok(await srv.call(SEC1, 'ruleset.template', { year: 2025 }))
    expect(seen).toEqual(saved)
    expect(seen.items.map((i: { code: string }) => i.code)).toEqual(['V01', 'V02', 'V03', 'P01', 'N01', 'G01'])
    expect(seen.items.find((i: { code: string }) => i.code === 'G01')).toEqual({
      code: 'G01',
      name: '垃圾分类督导',
      category: '志愿服务',
      points: 1.5,
      perHour: true,
      capPerYear: 6,
      requiresApproval: true,
    })
    // Stored in hundredths and basis points, with the id of its year.
    const doc = await srv.deps.store.get('templates', 'TPL_2025')
    expect(doc).toMatchObject({
      year: 2025,
      baseScore: 5500,
      fullScore: 10000,
      minPresenceRatio: 7500,
      categoryCaps: { 志愿服务: 2500 },
      savedBy: ADMIN,
    })
    expect(doc?.items.find((i: { code: string }) => i.code === 'G01')?.points).toBe(150)

    // Audited with before (none) and after.
    const audits = await saveAudits()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ openid: ADMIN, target: 'TPL_2025', after: { baseScore: 55 } })
    expect(audits[0].before).toBeUndefined()

    expect(await srv.deps.store.find('rulesets', {})).toEqual(rulesetsBefore)
    expect(ok(await srv.call(SEC1, 'ruleset.get', { estateBranchId: 'E1', year: 2025 }))).toEqual(e1Before)
  })

  it('serves an earlier year’s template to a later year, and a year’s own once saved', async () => {
    expect(ok(await srv.call(STREET, 'ruleset.template', { year: 2027 }))).toMatchObject({
      year: 2027,
      source: 'county',
      templateYear: 2025,
      baseScore: 55,
    })
    // Nothing saved for an earlier year than 2025: the default.
    expect(ok(await srv.call(SEC1, 'ruleset.template', { year: 2024 }))).toMatchObject({ source: 'default', baseScore: 60 })

    ok(await srv.call(ADMIN, 'ruleset.saveTemplate', { ...changedBody(2026), baseScore: 50 }))
    expect(ok(await srv.call(SEC1, 'ruleset.template', { year: 2027 }))).toMatchObject({ source: 'county', templateYear: 2026, baseScore: 50 })
    expect(ok(await srv.call(SEC1, 'ruleset.template', { year: 2025 }))).toMatchObject({ templateYear: 2025, baseScore: 55 })

    // Saving again replaces the year's template, audited with what it was.
    ok(await srv.call(ADMIN, 'ruleset.saveTemplate', { ...changedBody(2026), baseScore: 58 }))
    expect(ok(await srv.call(SEC1, 'ruleset.template', { year: 2026 }))).toMatchObject({ templateYear: 2026, baseScore: 58 })
    const last = (await saveAudits()).find((a) => a.target === 'TPL_2026' && (a.after as { baseScore: number }).baseScore === 58)
    expect(last?.before).toMatchObject({ baseScore: 50 })
  })

  it('refuses a locked year with 409 YEAR_LOCKED, writing nothing', async () => {
    const settings = await yearSettings(srv.deps.store, 2023)
    await srv.deps.store.set('settings', { ...settings, locked: true })
    const r = await srv.call(ADMIN, 'ruleset.saveTemplate', changedBody(2023))
    expect(r.status).toBe(409)
    expect(r.body.error?.code).toBe('YEAR_LOCKED')
    expect(await srv.deps.store.get('templates', 'TPL_2023')).toBeNull()
    // Reading a locked year's template is fine.
    expect(ok(await srv.call(SEC1, 'ruleset.template', { year: 2023 }))).toMatchObject({ source: 'default' })
  })
})
