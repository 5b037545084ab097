// Test data through the HTTP API, as real users would create it: the county admin imports members into the
// directory, each member registers with their own openid (a directory match activates at once), the estate
// secretary creates an activity and shows its rotating code.
const { mapLimit } = require('./http-client')
const { isoShanghai } = require('./backend')

const ADMIN = 'demo-admin'
const UNIT_BRANCHES = ['UB1', 'UB2', 'UB3', 'UB4']
/** Directory members per import call: keeps each body well under the 64 KB limit. */
const IMPORT_BATCH = 300

/**
 * Adds `count` members to `estateId` and registers each. Members are `${idPrefix}${n}` with openid
 * `${openidPrefix}${n}` and phone 1 + `phonePrefix` + n (11 digits), n = 1..count.
 */
async function addMembers(c, { count, estateId = 'E1', idPrefix = 'BM', openidPrefix = 'bench-m', phonePrefix = '39', concurrency = 8 }) {
  const width = 10 - phonePrefix.length
  if (String(count).length > width) throw new Error('too many members for the phone prefix')
  const list = Array.from({ length: count }, (_, k) => {
    const n = k + 1
    return {
      id: `${idPrefix}${String(n).padStart(5, '0')}`,
      name: `压测党员${n}`,
      phone: `1${phonePrefix}${String(n).padStart(width, '0')}`,
      unitBranchId: UNIT_BRANCHES[k % UNIT_BRANCHES.length],
      estateBranchId: estateId,
      openid: `${openidPrefix}${n}`,
    }
  })
  for (let i = 0; i < list.length; i += IMPORT_BATCH) {
    const members = list
      .slice(i, i + IMPORT_BATCH)
      .map(({ id, name, phone, unitBranchId, estateBranchId }) => ({ id, name, phone, unitBranchId, estateBranchId }))
    await c.ok(ADMIN, 'admin.importDirectory', { members })
  }
  return mapLimit(list, concurrency, async (m) => {
    const data = await c.ok(m.openid, 'member.register', {
      name: m.name,
      phone: m.phone,
      unitBranchId: m.unitBranchId,
      estateBranchId: m.estateBranchId,
    })
    if (data.status !== 'active' || data.memberId !== m.id)
      throw new Error(`register ${m.openid}: expected active ${m.id}, got ${JSON.stringify(data)}`)
    return { openid: m.openid, memberId: m.id, token: await c.login(m.openid) }
  })
}

/** An activity of estate `estateId` in progress now: started `startedAgoMs` ago, ends in `endsInMs`. */
async function createActivity(
  c,
  { secretary = 'demo-secretary-e1', estateId = 'E1', title, startedAgoMs = 5 * 60000, endsInMs = 3 * 3600000, itemCode = 'V01' },
) {
  const now = Date.now()
  const data = await c.ok(secretary, 'activity.create', {
    estateBranchId: estateId,
    title,
    itemCode,
    startAt: isoShanghai(now - startedAgoMs),
    endAt: isoShanghai(now + endsInMs),
  })
  return data.activityId
}

/**
 * The code on the secretary's screen: fetched with `activity.code` and refreshed every `refreshMs` (it rotates
 * every 30 s and the previous slot is still accepted, so a code younger than 30 s is always valid).
 */
async function showCode(c, { secretary = 'demo-secretary-e1', activityId, refreshMs = 20000 }) {
  let current = await c.ok(secretary, 'activity.code', { activityId })
  let fetches = 1
  let failures = 0
  const timer = setInterval(() => {
    c.ok(secretary, 'activity.code', { activityId }).then(
      (d) => {
        current = d
        fetches++
      },
      () => failures++,
    )
  }, refreshMs)
  timer.unref()
  return {
    qr: () => current.qr,
    stats: () => ({ fetches, failures }),
    stop: () => clearInterval(timer),
  }
}

module.exports = { ADMIN, addMembers, createActivity, showCode }
