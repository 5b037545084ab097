// Demo data for a fresh local install (docs/DESIGN.md#storage-and-the-two-backends): a county, 2 streets, 3 communities, 6 estates, 4 units,
// 60 members, the roles, an adopted rule set per estate and a few activities. It is written through the same
// use cases users call, so the seed obeys every rule the product enforces.
import { createApp } from '../app'
import { issueCode } from '../../src/core/rotating-code'
import { shanghaiYear, toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import type { Deps } from '../context/deps'
import { COUNTY_ID, type OrgDoc } from '../model/org'

export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  secretaryE1: 'demo-secretary-e1',
  unitSecretaryUB1: 'demo-unitsec-ub1',
  member: (n: number) => `demo-member-${n}`,
}

const NAMED = ['张建国', '李秀英', '王伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '吴刚', '周敏']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = ['志强', '桂英', '海燕', '建华', '晓东', '文博', '丽娟', '国栋', '春梅', '子涵', '明辉', '雅琴', '振华', '婷婷', '宏伟']

export interface DemoMember {
  id: string
  name: string
  phone: string
  unitBranchId: string
  estateBranchId: string
}

export function demoMembers(): DemoMember[] {
  return Array.from({ length: 60 }, (_, k) => {
    const i = k + 1
    return {
      id: `D${String(i).padStart(3, '0')}`,
      name: i <= NAMED.length ? NAMED[i - 1] : `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      phone: `1380000${String(i).padStart(4, '0')}`,
      unitBranchId: `UB${((i - 1) % 4) + 1}`,
      estateBranchId: `E${Math.floor((i - 1) / 10) + 1}`,
    }
  })
}

/** Demo rule set (积分明细) adopted by every estate. */
export function demoRuleset(estateBranchId: string, year: number) {
  return {
    estateBranchId,
    year,
    baseScore: 60,
    fullScore: 100,
    minPresenceRatio: 0.6,
    categoryCaps: { 志愿服务: 30 },
    items: [
      { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 5, capPerYear: 20 },
      { code: 'V02', name: '环境整治', category: '志愿服务', points: 3, capPerYear: 12 },
      { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 2, perHour: true, capPerYear: 10 },
      { code: 'P01', name: '参加主题党日', category: '组织生活', points: 4, capPerYear: 16 },
      { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 5, capPerYear: 10, evidenceRequired: true },
      { code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -5 },
    ],
  }
}

export async function seedIfEmpty(deps: Deps): Promise<boolean> {
  if ((await deps.store.count('orgs', {})) > 0) return false
  await seedDemo(deps)
  return true
}

export async function seedDemo(deps: Deps): Promise<void> {
  const now = deps.clock.now()
  const year = shanghaiYear(now)
  const at = (t: number) => createApp({ ...deps, clock: { now: () => t } }, (e) => console.error('[seed]', e))
  const call = async (openid: string, action: string, body: unknown, t = now) => {
    const out = await at(t).handle(action, body, openid)
    if (!out.envelope.ok) throw new Error(`seed ${action} failed: ${out.envelope.error.message}`)
    return out.envelope.data as Record<string, unknown>
  }

  const county: OrgDoc = { _id: COUNTY_ID, kind: 'county', name: '示范县', parentId: null, path: [] }
  await deps.store.set('orgs', county)
  await deps.store.set('grants', { _id: 'G_seed_admin', openid: DEMO_OPENIDS.admin, role: 'county_admin', scopeId: COUNTY_ID })

  const members = demoMembers()
  const estates = ['幸福里小区', '锦绣花园', '书香苑', '和园小区', '滨江小区', '康宁小区']
  const units = ['县教育局', '县卫健委', '县财政局', '县人民医院']
  await call(DEMO_OPENIDS.admin, 'admin.importDirectory', {
    orgs: [
      { id: 'S1', kind: 'street', name: '城关街道' },
      { id: 'S2', kind: 'street', name: '河西街道' },
      { id: 'CM1', kind: 'community', name: '东风社区党总支', parentId: 'S1' },
      { id: 'CM2', kind: 'community', name: '文化社区党总支', parentId: 'S1' },
      { id: 'CM3', kind: 'community', name: '滨河社区党总支', parentId: 'S2' },
      ...estates.map((name, k) => ({ id: `E${k + 1}`, kind: 'estate', name: `${name}党支部`, parentId: k < 2 ? 'CM1' : k < 4 ? 'CM2' : 'CM3' })),
      ...units.map((name, k) => ({ id: `U${k + 1}`, kind: 'unit', name })),
      ...units.map((name, k) => ({ id: `UB${k + 1}`, kind: 'unitBranch', name: `${name}机关党支部`, parentId: `U${k + 1}` })),
    ],
    members: members.map(({ id, name, phone, unitBranchId, estateBranchId }) => ({ id, name, phone, unitBranchId, estateBranchId })),
    roles: [
      ...estates.map((_, k) => ({ openid: `demo-secretary-e${k + 1}`, role: 'estate_secretary', scopeId: `E${k + 1}` })),
      ...units.map((_, k) => ({ openid: `demo-unitsec-ub${k + 1}`, role: 'unit_secretary', scopeId: `UB${k + 1}` })),
      { openid: 'demo-community-cm1', role: 'community_admin', scopeId: 'CM1' },
      { openid: 'demo-street-s1', role: 'street_admin', scopeId: 'S1' },
    ],
  })

  // The 红旗小区 评选组: two reviewers from different departments (docs/DESIGN.md#red-flag-estates).
  for (const [openid, department] of [
    ['demo-panel-1', '纪委监委'],
    ['demo-panel-2', '住建局'],
  ])
    await call(DEMO_OPENIDS.admin, 'redflag.panelName', { openid, department })

  // Rule sets adopted by each estate's 党员大会 at the start of the year.
  for (let k = 1; k <= 6; k++) {
    const saved = await call(`demo-secretary-e${k}`, 'ruleset.save', demoRuleset(`E${k}`, year))
    await call(`demo-secretary-e${k}`, 'ruleset.adopt', {
      rulesetId: saved.rulesetId,
      adoptedOn: `${year}-01-15`,
      attendees: 38,
      note: '经小区党员大会表决通过',
    })
  }

  // 双报到: members 1–9 of 幸福里 are the demo accounts; most others registered too. D010 and D051–D060 stay
  // in the directory only, so a new user can register as one of them.
  const registered = members.filter((m) => m.id !== 'D010' && Number(m.id.slice(1)) <= 50)
  for (const m of registered) {
    const n = Number(m.id.slice(1))
    const openid = n <= 9 ? DEMO_OPENIDS.member(n) : `member-${m.id.toLowerCase()}`
    await call(openid, 'member.register', { name: m.name, phone: m.phone, unitBranchId: m.unitBranchId, estateBranchId: m.estateBranchId })
  }

  // Activities: one finished three days ago (with approved and pending attendances), one in progress, one tomorrow.
  const past = now - 3 * 24 * HOUR
  const create = (estate: number, title: string, itemCode: string, startAt: number, hours: number, extra: Record<string, unknown> = {}) =>
    call(`demo-secretary-e${estate}`, 'activity.create', {
      estateBranchId: `E${estate}`,
      title,
      itemCode,
      startAt: toIsoShanghai(startAt),
      endAt: toIsoShanghai(startAt + hours * HOUR),
      ...extra,
    })
  const pastActivity = await create(1, '小区环境整治志愿服务', 'V01', past, 2, { description: '清理楼道杂物、绿化带垃圾', capacity: 30 })
  await create(1, '垃圾分类宣传志愿服务', 'V01', now - 10 * MINUTE, 3, {
    description: '在小区门口设点宣传垃圾分类知识',
    capacity: 20,
    location: { lat: 30.27415, lng: 120.15515, radiusM: 500, address: '幸福里小区东门' },
  })
  await create(1, '楼道清理', 'V02', now + 24 * HOUR, 2, { description: '清理 3 号楼楼道堆放物', capacity: 15 })
  const e2Activity = await create(2, '邻里互助：为独居老人送餐', 'V01', past, 2, { capacity: 10 })

  const checkinAt = past + 5 * MINUTE
  const attend = async (openid: string, activityId: string) => {
    const code = issueCode(deps.hmac, activityId, checkinAt)
    return call(openid, 'activity.checkin', { code: code.qr }, checkinAt)
  }
  const approveIds: string[] = []
  for (let n = 1; n <= 6; n++) {
    const r = await attend(DEMO_OPENIDS.member(n), pastActivity.activityId as string)
    if (n <= 4) approveIds.push(r.attendanceId as string)
  }
  await call(DEMO_OPENIDS.secretaryE1, 'attendance.review', { attendanceIds: approveIds, decision: 'approve' }, past + 3 * HOUR)
  const e2Ids: string[] = []
  for (const m of registered.filter((x) => x.estateBranchId === 'E2').slice(0, 5)) {
    e2Ids.push((await attend(`member-${m.id.toLowerCase()}`, e2Activity.activityId as string)).attendanceId as string)
  }
  await call('demo-secretary-e2', 'attendance.review', { attendanceIds: e2Ids, decision: 'approve' }, past + 3 * HOUR)

  // Unit scores. UB2 scores on its own 150-point scale; 李秀英 (D002, UB2) is left without one, so her total
  // shows incomplete.
  for (let u = 1; u <= 4; u++) {
    const fullScale = u === 2 ? 150 : 100
    const scores = members
      .filter((m) => m.unitBranchId === `UB${u}` && m.id !== 'D002')
      .map((m) => {
        const i = Number(m.id.slice(1))
        const base = m.id === 'D001' ? 87.25 : 68 + ((i * 7) % 30) + (i % 4) * 0.25
        return { memberId: m.id, score: u === 2 ? Math.round(base * 150) / 100 : base }
      })
    await call(`demo-unitsec-ub${u}`, 'unitScore.import', { unitBranchId: `UB${u}`, year, fullScale, scores })
  }
}
