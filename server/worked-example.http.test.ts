// The README's worked example, built through the HTTP API and compared with the README's own table, so the
// documentation cannot drift from what the tally computes.
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer, ok, type TestServer } from './testing/harness'
import { toIsoShanghai, HOUR, MINUTE } from '../src/core/time'

interface Expected {
  member: string
  unitRaw: [number, number] | null
  entries: Record<string, number>
  estateScore: number
  total: number | null
  band: string | null
  rank: number | null
}

/** Reads the table under "## Worked example" from README.md. */
function readmeTable(): Expected[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Worked example'))
  const lines = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| member') && !l.startsWith('|---'))
  const rows: Expected[] = []
  for (const line of lines) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    if (cells.length !== 8) break
    const [member, unit, , entries, estate, total, band, rank] = cells
    const num = (s: string) => (s === '—' ? null : Number(s))
    rows.push({
      member,
      unitRaw: unit === '—' ? null : (unit.split('/').map((x) => Number(x.trim())) as [number, number]),
      entries:
        entries === '—'
          ? {}
          : Object.fromEntries(
              entries
                .split(',')
                .map((e) => e.trim().split('×'))
                .map(([code, n]) => [code, Number(n)]),
            ),
      estateScore: Number(estate),
      total: num(total),
      band: band === '—' ? null : band,
      rank: num(rank),
    })
    if (rows.length === 5) break
  }
  return rows
}

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(() => srv.close())

it('reproduces the README worked example to the hundredth', async () => {
  const table = readmeTable()
  expect(table.map((r) => r.member)).toEqual(['王一', '王二', '王三', '王四', '王五'])
  const ADMIN = 'demo-admin'
  const SEC = 'wx-secretary'
  const members = table.map((r, i) => ({
    id: `WX${i + 1}`,
    name: r.member,
    phone: `1370000000${i + 1}`,
    unitBranchId: 'WXUB',
    estateBranchId: 'WXE',
  }))
  ok(
    await srv.call(ADMIN, 'admin.importDirectory', {
      orgs: [
        { id: 'WXS', kind: 'street', name: '示范街道' },
        { id: 'WXC', kind: 'community', name: '示范社区', parentId: 'WXS' },
        { id: 'WXE', kind: 'estate', name: '示范小区', parentId: 'WXC' },
        { id: 'WXU', kind: 'unit', name: '示范单位' },
        { id: 'WXUB', kind: 'unitBranch', name: '示范单位党支部', parentId: 'WXU' },
      ],
      members,
      roles: [
        { openid: SEC, role: 'estate_secretary', scopeId: 'WXE' },
        { openid: 'wx-unitsec', role: 'unit_secretary', scopeId: 'WXUB' },
      ],
    }),
  )
  for (const m of members)
    ok(await srv.call(`wx-${m.id}`, 'member.register', { name: m.name, phone: m.phone, unitBranchId: 'WXUB', estateBranchId: 'WXE' }))
  const rs = ok(
    await srv.call(SEC, 'ruleset.save', {
      estateBranchId: 'WXE',
      year: 2025,
      baseScore: 60,
      fullScore: 100,
      categoryCaps: { 志愿服务: 30 },
      items: [
        { code: 'V01', name: '志愿服务', category: '志愿服务', points: 5, capPerYear: 20 },
        { code: 'V02', name: '环境整治', category: '志愿服务', points: 3, capPerYear: 12 },
        { code: 'P01', name: '主题党日', category: '组织生活', points: 4 },
        { code: 'N01', name: '无故缺席', category: '负面清单', points: -5 },
      ],
    }),
  )
  ok(await srv.call(SEC, 'ruleset.adopt', { rulesetId: rs.rulesetId, adoptedOn: '2025-01-15' }))

  // One activity per occurrence of an item: the i-th activity of V01 is attended by everyone with ≥ i V01 entries.
  for (const code of ['V01', 'V02', 'P01']) {
    const most = Math.max(...table.map((r) => r.entries[code] ?? 0))
    for (let i = 1; i <= most; i++) {
      const start = srv.clock.t - 5 * MINUTE
      const a = ok(
        await srv.call(SEC, 'activity.create', {
          estateBranchId: 'WXE',
          title: `${code} 第 ${i} 次`,
          itemCode: code,
          startAt: toIsoShanghai(start),
          endAt: toIsoShanghai(start + HOUR),
        }),
      )
      const { qr } = srv.codeFor(a.activityId)
      const ids: string[] = []
      for (const [k, r] of table.entries())
        if ((r.entries[code] ?? 0) >= i) ids.push(ok(await srv.call(`wx-WX${k + 1}`, 'activity.checkin', { code: qr })).attendanceId)
      ok(await srv.call(SEC, 'attendance.review', { attendanceIds: ids, decision: 'approve' }))
    }
  }
  for (const [k, r] of table.entries()) {
    for (let i = 0; i < (r.entries.N01 ?? 0); i++)
      ok(await srv.call(SEC, 'deduction.record', { memberId: `WX${k + 1}`, itemCode: 'N01', occurredOn: '2025-06-30', reason: '无故缺席集中活动' }))
  }
  // Unit scores, grouped by each unit's full scale as a unit secretary would import them.
  const scales = new Map<number, { memberId: string; score: number }[]>()
  table.forEach((r, k) => {
    if (!r.unitRaw) return
    scales.set(r.unitRaw[1], [...(scales.get(r.unitRaw[1]) ?? []), { memberId: `WX${k + 1}`, score: r.unitRaw[0] }])
  })
  for (const [fullScale, scores] of scales)
    ok(await srv.call('wx-unitsec', 'unitScore.import', { unitBranchId: 'WXUB', year: 2025, fullScale, scores }))

  ok(await srv.call(ADMIN, 'score.tally', { year: 2025, scopeId: 'WXE' }))
  const { rows } = ok(await srv.call(SEC, 'score.list', { year: 2025, scopeId: 'WXE' }))
  const got = table.map((r) => {
    const row = rows.find((x: any) => x.name === r.member)
    return { member: r.member, estateScore: row.estateScore, total: row.total, band: row.band, rank: row.rankInEstate }
  })
  expect(got).toEqual(table.map((r) => ({ member: r.member, estateScore: r.estateScore, total: r.total, band: r.band, rank: r.rank })))
})
