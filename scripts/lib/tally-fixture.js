// A county-sized fixture for the tally benchmark, written straight into the local SQLite database with the
// document shapes the app itself writes (members, orgs with `path`, adopted rule sets, ledger entries, unit
// scores). Deterministic: the same size and seed give the same database.
//
// Shape, per 1,000 active members: 6 estates (小区党支部, 100–300 members each, ~167 on average), 4 estates to
// a community, 5 communities to a street; 40 unit branches (~25 members each), 2–3 to a unit. Members live in
// one estate and work in any unit branch. Each member has `entriesPerMember` approved ledger entries in the
// year, from the activities of their estate (caps are hit often, ~3 % are 负面清单 deductions); ~95 % have a
// unit score, a quarter of the unit branches score on a 150 scale. About 3 % more members are pending or only
// in the directory: they have no entries and the tally skips them. Settings are absent (default weights and
// bands). Activities and attendances themselves are not written: the tally never reads them.

const FIXTURE_VERSION = 2

function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'
const GIVEN = '志强桂英海燕建华晓东文博丽娟国栋春梅子涵明辉雅琴振华婷婷宏伟秀兰建国玉兰红梅永刚'
const ESTATE_NAMES = ['幸福里', '锦绣花园', '书香苑', '和园', '滨江', '康宁', '金桂园', '翠湖', '阳光城', '紫荆苑']

/** Rule sets differ a little between estates, as each 党员大会 adopts its own (all values in hundredths). */
function rulesetFor(estateId, k, year, now) {
  const strict = k % 5 === 4
  const doc = {
    _id: `RS_${estateId}_${year}_v1`,
    estateBranchId: estateId,
    year,
    version: 1,
    status: 'adopted',
    baseScore: k % 3 === 2 ? 5000 : 6000,
    fullScore: 10000,
    items: [
      { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 500, capPerYear: strict ? 1500 : 2000, requiresApproval: true },
      { code: 'V02', name: '环境整治', category: '志愿服务', points: 300, capPerYear: 1200, requiresApproval: true },
      { code: 'V03', name: '文明劝导（按小时）', category: '志愿服务', points: 200, perHour: true, capPerYear: 1000, requiresApproval: true },
      { code: 'P01', name: '参加主题党日', category: '组织生活', points: 400, capPerYear: 1600, requiresApproval: true },
      { code: 'R01', name: '政策宣讲', category: '宣传引导', points: 500, capPerYear: 1000, requiresApproval: true },
      { code: 'H01', name: '邻里互助', category: '邻里互助', points: 250, requiresApproval: true },
      { code: 'N01', name: '无故缺席集中活动', category: '负面清单', points: -500, requiresApproval: true },
    ],
    minPresenceRatio: 6000,
    adoptedOn: `${year}-01-15`,
    attendees: 30 + (k % 20),
    note: '经小区党员大会表决通过',
    createdBy: `sec-${estateId}`,
    createdAt: now,
    adoptedBy: `sec-${estateId}`,
    adoptedAt: now,
  }
  if (k % 4 !== 3) doc.categoryCaps = { 志愿服务: 3000 }
  return doc
}

/** Which item an entry is for: mostly 志愿服务, a few deductions. Returns [itemIndex, hours]. */
function pickItem(rand) {
  const r = rand()
  if (r < 0.03) return [6, 0]
  if (r < 0.35) return [0, 0]
  if (r < 0.55) return [1, 0]
  if (r < 0.68) return [2, 1 + Math.floor(rand() * 4)]
  if (r < 0.82) return [3, 0]
  if (r < 0.9) return [4, 0]
  return [5, 0]
}

/**
 * Writes the fixture through `db` (a better-sqlite3 Database whose tables exist). One transaction with
 * prepared statements. Returns counts.
 */
function writeFixture(db, { members: activeCount, entriesPerMember = 30, year = 2025, seed = 20250101 }) {
  const rand = mulberry32(seed ^ activeCount)
  const randId = (n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += B64[(rand() * 64) | 0]
    return s
  }
  const now = Date.UTC(year, 11, 20, 2, 0, 0)
  const yearStart = Date.UTC(year, 0, 1) - 8 * 3600e3
  const ins = {}
  for (const coll of ['orgs', 'members', 'rulesets', 'ledger', 'unitScores']) {
    ins[coll] = db.prepare(`INSERT INTO "${coll}" (id, doc) VALUES (?, ?)`)
  }
  const put = (coll, doc) => ins[coll].run(doc._id, JSON.stringify(doc))
  const counts = { orgs: 0, members: 0, active: 0, rulesets: 0, ledger: 0, unitScores: 0 }

  db.transaction(() => {
    put('orgs', { _id: 'county', kind: 'county', name: '示范县', parentId: null, path: [] })
    counts.orgs++

    // Estates: 100–300 members each until every active member has one.
    const estateSizes = []
    for (let left = activeCount; left > 0; ) {
      const size = Math.min(left, 100 + Math.floor(rand() * 134) + Math.floor(rand() * 67))
      estateSizes.push(size)
      left -= size
    }
    const estates = estateSizes.map((size, k) => {
      const street = `S${Math.floor(k / 20) + 1}`
      const community = `CM${Math.floor(k / 4) + 1}`
      return { id: `E${k + 1}`, k, size, street, community }
    })
    for (const s of new Set(estates.map((e) => e.street))) {
      put('orgs', { _id: s, kind: 'street', name: `${s}街道`, parentId: 'county', path: ['county'] })
      counts.orgs++
    }
    const communities = new Map(estates.map((e) => [e.community, e.street]))
    for (const [c, s] of communities) {
      put('orgs', { _id: c, kind: 'community', name: `${c}社区党总支`, parentId: s, path: ['county', s] })
      counts.orgs++
    }
    const rulesets = new Map()
    for (const e of estates) {
      put('orgs', {
        _id: e.id,
        kind: 'estate',
        name: `${ESTATE_NAMES[e.k % ESTATE_NAMES.length]}${e.k + 1}小区党支部`,
        parentId: e.community,
        path: ['county', e.street, e.community],
      })
      counts.orgs++
      const rs = rulesetFor(e.id, e.k, year, now)
      put('rulesets', rs)
      counts.rulesets++
      rulesets.set(e.id, rs)
      if (e.k % 7 === 0) {
        // A later draft nobody adopted: the tally must keep using v1.
        put('rulesets', {
          ...rs,
          _id: `RS_${e.id}_${year}_v2`,
          version: 2,
          status: 'draft',
          baseScore: 0,
          adoptedOn: undefined,
          adoptedBy: undefined,
          adoptedAt: undefined,
        })
        counts.rulesets++
      }
    }

    // Unit branches: ~4 per 100 members, 2–3 per unit.
    const branchCount = Math.max(1, Math.round(activeCount / 25))
    const branches = []
    for (let u = 1; branches.length < branchCount; u++) {
      put('orgs', { _id: `U${u}`, kind: 'unit', name: `县直单位${u}`, parentId: 'county', path: ['county'] })
      counts.orgs++
      const n = 2 + (u % 2)
      for (let j = 1; j <= n && branches.length < branchCount; j++) {
        const id = `UB${u}_${j}`
        put('orgs', { _id: id, kind: 'unitBranch', name: `县直单位${u}第${j}党支部`, parentId: `U${u}`, path: ['county', `U${u}`] })
        counts.orgs++
        branches.push({ id, fullScale: branches.length % 4 === 1 ? 15000 : 10000 })
      }
    }

    let seq = 0
    for (const e of estates) {
      const rs = rulesets.get(e.id)
      // The estate's activities of the year: twice as many as anyone attends.
      const acts = Array.from({ length: entriesPerMember * 2 }, (_, a) => {
        const [item, hours] = pickItem(rand)
        const it = rs.items[item]
        return {
          id: `A${randId(12)}`,
          title: `${it.name} 第${a + 1}期`,
          item: it,
          points: it.perHour ? it.points * hours : it.points,
          at: yearStart + Math.floor(rand() * 340) * 86400e3 + 9 * 3600e3,
        }
      })
      const extra = Math.round(e.size * 0.03)
      for (let i = 0; i < e.size + extra; i++) {
        seq++
        const id = `M${String(seq).padStart(7, '0')}`
        const branch = branches[Math.floor(rand() * branches.length)]
        const active = i < e.size
        const status = active ? 'active' : i % 2 ? 'pending' : 'directory'
        const member = {
          _id: id,
          name: `${SURNAMES[(rand() * SURNAMES.length) | 0]}${GIVEN.substr(((rand() * (GIVEN.length / 2)) | 0) * 2, 2)}`,
          phone: `1${3 + ((rand() * 7) | 0)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
          unitBranchId: branch.id,
          estateBranchId: e.id,
          status,
          openid: status === 'directory' ? null : `o${randId(27)}`,
          inDirectory: status !== 'pending',
          updatedAt: now,
        }
        if (status !== 'directory') member.registeredAt = yearStart + 20 * 86400e3
        put('members', member)
        counts.members++
        if (!active) continue
        counts.active++

        // Distinct activities of the estate (a partial shuffle of the pool).
        for (let j = 0; j < entriesPerMember; j++) {
          const pick = j + Math.floor(rand() * (acts.length - j))
          const act = acts[pick]
          acts[pick] = acts[j]
          acts[j] = act
          const att = `T${randId(24)}`
          put('ledger', {
            _id: `L_${att}`,
            memberId: id,
            estateBranchId: e.id,
            unitBranchId: branch.id,
            year,
            kind: act.item.points < 0 ? 'deduction' : 'activity',
            itemCode: act.item.code,
            itemName: act.item.name,
            category: act.item.category,
            points: act.points,
            rulesetId: rs._id,
            rulesetVersion: rs.version,
            sourceId: att,
            title: act.title,
            at: act.at,
            createdAt: act.at + 3 * 3600e3,
            createdBy: `sec-${e.id}`,
          })
          counts.ledger++
        }
        if (rand() < 0.95) {
          const raw = Math.floor(rand() * (branch.fullScale * 0.45)) + Math.floor(branch.fullScale * 0.55)
          // normalised to 100, rounded half-up, integer arithmetic
          const n = raw * 10000
          const q = Math.floor(n / branch.fullScale)
          const score = 2 * (n - q * branch.fullScale) >= branch.fullScale ? q + 1 : q
          put('unitScores', {
            _id: `US_${year}_${id}`,
            memberId: id,
            unitBranchId: branch.id,
            year,
            raw,
            fullScale: branch.fullScale,
            score,
            enteredBy: `unitsec-${branch.id}`,
            enteredAt: now - 86400e3,
          })
          counts.unitScores++
        }
      }
    }
    counts.estates = estates.length
    counts.unitBranches = branches.length
  })()
  return counts
}

module.exports = { FIXTURE_VERSION, writeFixture, mulberry32 }
