// 述职 (docs/DESIGN.md#duty-reports): every estate branch reports to its community, every community to its street,
// every street to the county, once a year. The report is revisable (each version kept) until the level above marks
// it 已阅 with a comment and a grade; the level above sees which of its children have reported and can remind the
// others through their secretaries' and admins' in-app notices. Not under the year lock: its own state decides.
import { fail } from '../../src/core/errors'
import type { BodyOf, Role } from '../../src/core/contracts'
import { ROLE_LABEL } from '../../src/core/contracts'
import { DUTY_GRADE_LABEL, type DutyReportKind, type DutyReportList, type DutyReportView, MAX_DUTY_REPORT_VERSIONS } from '../../src/core/api-types'
import { keywordTime } from '../../src/core/notify'
import { toIsoShanghai } from '../../src/core/time'
import { shanghaiDate } from '../../src/core/working-days'
import { DocumentExists } from '../ports/store.port'
import { auditDoc } from '../context/audit'
import { ADMIN_ROLES, covers } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import { keyId } from '../context/ids'
import { ownPhotos } from '../context/photos'
import type { DutyReminderDoc, DutyReportDoc, DutyReportVersionDoc } from '../model/duty-report'
import type { NoticeDoc } from '../model/activity'
import type { OrgDoc } from '../model/org'
import { getOrg, requireOrg } from '../queries/orgs'
import { queueOrgEvent, roleHolders } from '../services/notify'

/** Who writes an org's report, and who reads it (the level above). */
const REPORTER: Record<DutyReportKind, Role> = { estate: 'estate_secretary', community: 'community_admin', street: 'street_admin' }
const READER: Record<DutyReportKind, Role> = { estate: 'community_admin', community: 'street_admin', street: 'county_admin' }
const PARENT_KIND = { estate: 'community', community: 'street', street: 'county' } as const
/** The kind of org that reports to an org of this kind. */
const CHILD_KIND = { community: 'estate', street: 'community', county: 'street' } as const
const KIND_LABEL: Record<DutyReportKind, string> = { estate: '小区党支部', community: '社区', street: '街道' }

export const reportId = (year: number, orgId: string) => `DR_${year}_${orgId}`
const versionId = (id: string, version: number) => `${id}_v${version}`
const reminderId = (year: number, orgId: string, on: string) => `DRR_${year}_${orgId}_${on}`

/** The reporting org and the org it reports to. */
async function reportingOrg(deps: Deps, orgId: string): Promise<{ org: OrgDoc & { kind: DutyReportKind }; parent: OrgDoc }> {
  const org = (await requireOrg(deps.store, orgId, ['estate', 'community', 'street'], '述职的组织（小区党支部、社区或街道）')) as OrgDoc & {
    kind: DutyReportKind
  }
  const parent = org.parentId ? await getOrg(deps.store, org.parentId) : null
  if (!parent || parent.kind !== PARENT_KIND[org.kind]) fail('NOT_FOUND', `${org.name} 的上级组织不存在，无法述职`, { id: org._id })
  return { org, parent }
}

const isReporter = (ctx: Ctx, org: OrgDoc & { kind: DutyReportKind }) => covers(ctx, [REPORTER[org.kind]], org)
const isReader = (ctx: Ctx, org: OrgDoc & { kind: DutyReportKind }, parent: OrgDoc) => covers(ctx, [READER[org.kind]], parent)

function assertYearCome(ctx: Ctx, year: number): void {
  const now = Number(shanghaiDate(ctx.now).slice(0, 4))
  if (year > now) fail('VALIDATION', `${year} 年度尚未到来，不能提交该年度的述职`, { field: 'year' })
}

async function view(
  deps: Deps,
  ctx: Ctx,
  org: OrgDoc & { kind: DutyReportKind },
  parent: OrgDoc,
  year: number,
  doc: DutyReportDoc | null,
): Promise<DutyReportView> {
  const versions = doc ? (await deps.store.find('dutyReportVersions', { reportId: doc._id })).sort((a, b) => a.version - b.version) : []
  const urls = doc ? await deps.files.urls(doc.attachments) : new Map<string, string>()
  return {
    orgId: org._id,
    orgName: org.name,
    orgKind: org.kind,
    parentId: parent._id,
    parentName: parent.name,
    year,
    status: doc ? doc.status : 'none',
    version: doc?.version ?? 0,
    text: doc?.text ?? '',
    attachments: (doc?.attachments ?? []).map((id) => ({ id, url: urls.get(id) ?? '' })),
    submittedAt: doc ? toIsoShanghai(doc.submittedAt) : null,
    read: doc?.read ? { grade: doc.read.grade, comment: doc.read.comment, at: toIsoShanghai(doc.read.at), version: doc.read.version } : null,
    versions: versions.map((v) => ({ version: v.version, text: v.text, attachments: v.attachments.length, at: toIsoShanghai(v.at) })),
    canSubmit: isReporter(ctx, org) && doc?.status !== 'read',
    canRead: isReader(ctx, org, parent) && !!doc,
  }
}

export async function reportGet(b: BodyOf<'report.get'>, ctx: Ctx, deps: Deps): Promise<DutyReportView> {
  const { org, parent } = await reportingOrg(deps, b.orgId)
  // Its own secretary or admin, the level above, and admins above that (read only).
  if (!isReporter(ctx, org) && !covers(ctx, ADMIN_ROLES, parent)) fail('FORBIDDEN', `无权查看${org.name}的述职`)
  return view(deps, ctx, org, parent, b.year, await deps.store.get('dutyReports', reportId(b.year, org._id)))
}

const sameContent = (d: DutyReportDoc, text: string, attachments: string[]) => d.text === text && d.attachments.join('\n') === attachments.join('\n')

export async function reportSubmit(b: BodyOf<'report.submit'>, ctx: Ctx, deps: Deps): Promise<DutyReportView> {
  const { org, parent } = await reportingOrg(deps, b.orgId)
  if (!isReporter(ctx, org)) fail('FORBIDDEN', `只有${org.name}的${ROLE_LABEL[REPORTER[org.kind]]}可以提交它的述职`)
  assertYearCome(ctx, b.year)
  const attachments = await ownPhotos(ctx, deps.files, b.attachments, '附件')
  const id = reportId(b.year, org._id)
  const write = () =>
    deps.store.transaction(async (tx) => {
      const cur = await tx.get('dutyReports', id)
      // A retried submission (same text and attachments) finds what it wrote, even once read.
      if (cur && sameContent(cur, b.text, attachments)) return cur
      if (cur?.status === 'read') fail('CONFLICT', `${org.name} ${b.year} 年度述职已被${parent.name}阅定（已阅），不能再修改`)
      if (cur && b.baseVersion === undefined)
        fail('CONFLICT', `${org.name} ${b.year} 年度述职已提交（第 ${cur.version} 版）；修改请基于当前版本（baseVersion）`, { version: cur.version })
      if (cur && b.baseVersion !== cur.version)
        fail('CONFLICT', `述职已更新为第 ${cur.version} 版（您修改的是第 ${b.baseVersion} 版），请刷新后再修改`, { version: cur.version })
      if (!cur && b.baseVersion !== undefined) fail('CONFLICT', `${org.name} ${b.year} 年度尚未提交述职，没有可修改的版本`)
      if (cur && cur.version >= MAX_DUTY_REPORT_VERSIONS)
        fail('CONFLICT', `述职已修改 ${cur.version} 次，不能再改；请联系${parent.name}阅定`, { version: cur.version })
      const version = (cur?.version ?? 0) + 1
      const doc: DutyReportDoc = {
        _id: id,
        orgId: org._id,
        orgKind: org.kind,
        parentId: parent._id,
        year: b.year,
        status: 'submitted',
        version,
        text: b.text,
        attachments,
        submittedBy: ctx.openid,
        firstSubmittedAt: cur?.firstSubmittedAt ?? ctx.now,
        submittedAt: ctx.now,
      }
      const v: DutyReportVersionDoc = { _id: versionId(id, version), reportId: id, version, text: b.text, attachments, by: ctx.openid, at: ctx.now }
      await tx.set('dutyReports', doc)
      await tx.create('dutyReportVersions', v)
      await tx.create(
        'audit',
        auditDoc(ctx, 'report.submit', id, cur ? { version: cur.version } : null, { version, chars: b.text.length, attachments: attachments.length }),
      )
      return doc
    })
  let doc: DutyReportDoc
  try {
    doc = await write()
  } catch (e) {
    // Two submissions at once: the second meets the first's version and answers as above.
    if (e instanceof DocumentExists && e.collection === 'dutyReportVersions') doc = await write()
    else throw e
  }
  return view(deps, ctx, org, parent, b.year, doc)
}

export async function reportList(b: BodyOf<'report.list'>, ctx: Ctx, deps: Deps): Promise<DutyReportList> {
  const org = await requireOrg(deps.store, b.orgId, ['community', 'street', 'county'], '组织（社区、街道或县）')
  if (!covers(ctx, ADMIN_ROLES, org)) fail('FORBIDDEN', `无权查看${org.name}下级的述职`)
  const childKind = CHILD_KIND[org.kind as keyof typeof CHILD_KIND]
  const [children, reports, reminders] = await Promise.all([
    deps.store.find('orgs', { parentId: org._id, kind: childKind }),
    deps.store.find('dutyReports', { parentId: org._id, year: b.year }),
    deps.store.find('dutyReminders', { parentId: org._id, year: b.year }),
  ])
  const byOrg = new Map(reports.map((r) => [r.orgId, r]))
  const lastReminder = new Map<string, number>()
  for (const m of reminders) lastReminder.set(m.orgId, Math.max(lastReminder.get(m.orgId) ?? 0, m.at))
  const rows = children
    .sort((x, y) => x.name.localeCompare(y.name, 'zh-CN') || x._id.localeCompare(y._id))
    .map((c) => {
      const d = byOrg.get(c._id)
      const reminded = lastReminder.get(c._id)
      return {
        orgId: c._id,
        orgName: c.name,
        status: d ? d.status : ('none' as const),
        version: d?.version ?? 0,
        submittedAt: d ? toIsoShanghai(d.submittedAt) : null,
        grade: d?.read?.grade ?? null,
        comment: d?.read?.comment ?? null,
        remindedAt: reminded ? toIsoShanghai(reminded) : null,
      }
    })
  const count = (s: string) => rows.filter((r) => r.status === s).length
  return {
    orgId: org._id,
    orgName: org.name,
    year: b.year,
    counts: { total: rows.length, none: count('none'), submitted: count('submitted'), read: count('read') },
    rows,
  }
}

export async function reportReview(b: BodyOf<'report.review'>, ctx: Ctx, deps: Deps): Promise<DutyReportView> {
  const { org, parent } = await reportingOrg(deps, b.orgId)
  if (!isReader(ctx, org, parent)) fail('FORBIDDEN', `${org.name}的述职由${parent.name}（${ROLE_LABEL[READER[org.kind]]}）阅定`)
  const id = reportId(b.year, org._id)
  const to = (await roleHolders(deps.store, REPORTER[org.kind], [org._id])).get(org._id) ?? []
  const doc = await deps.store.transaction(async (tx) => {
    const cur = await tx.get('dutyReports', id)
    if (!cur) return fail('CONFLICT', `${org.name} 尚未提交 ${b.year} 年度述职，无法阅定`)
    if (cur.version !== b.version)
      fail('CONFLICT', `述职已修改为第 ${cur.version} 版（您阅读的是第 ${b.version} 版），请阅读最新版本后再阅定`, { version: cur.version })
    const r = cur.read
    if (r && r.grade === b.grade && r.comment === b.comment && r.version === b.version) return cur
    const next: DutyReportDoc = {
      ...cur,
      status: 'read',
      read: { by: ctx.openid, at: ctx.now, grade: b.grade, comment: b.comment, version: b.version },
    }
    await tx.set('dutyReports', next)
    // 订阅消息 to the reporting org's secretary/admin: one per version, grade and comment (docs/DESIGN.md#reminders).
    await queueOrgEvent(
      tx,
      to,
      {
        key: ['duty-read', id, String(b.version), b.grade, b.comment],
        template: 'review_result',
        event: 'report.read',
        scopeId: org._id,
        values: { title: `${b.year} 年度述职`, result: `已阅·${DUTY_GRADE_LABEL[b.grade]}`, reason: b.comment, time: keywordTime(ctx.now) },
        page: 'report',
        notice: {
          title: `述职已阅：${b.year} 年度`,
          body: `${parent.name}已阅${org.name} ${b.year} 年度述职（第 ${b.version} 版），评定：${DUTY_GRADE_LABEL[b.grade]}。${b.comment ? `意见：${b.comment}` : ''}`,
        },
      },
      ctx.now,
    )
    await tx.create(
      'audit',
      auditDoc(ctx, 'report.review', id, r ? { grade: r.grade, comment: r.comment } : { status: cur.status }, {
        grade: b.grade,
        comment: b.comment,
        version: b.version,
      }),
    )
    return next
  })
  return view(deps, ctx, org, parent, b.year, doc)
}

export async function reportRemind(b: BodyOf<'report.remind'>, ctx: Ctx, deps: Deps) {
  const { org, parent } = await reportingOrg(deps, b.orgId)
  if (!isReader(ctx, org, parent)) fail('FORBIDDEN', `只有${parent.name}（${ROLE_LABEL[READER[org.kind]]}）可以催报${org.name}的述职`)
  assertYearCome(ctx, b.year)
  if (await deps.store.get('dutyReports', reportId(b.year, org._id))) fail('CONFLICT', `${org.name} 已提交 ${b.year} 年度述职，无需催报`)
  const on = shanghaiDate(ctx.now)
  const id = reminderId(b.year, org._id, on)
  const answer = (d: DutyReminderDoc, repeated: boolean) => ({ orgId: org._id, sent: d.to.length, repeated, remindedAt: toIsoShanghai(d.at) })
  const earlier = await deps.store.get('dutyReminders', id)
  if (earlier) return answer(earlier, true)
  const role = REPORTER[org.kind]
  const to = [...new Set((await deps.store.find('grants', { scopeId: org._id })).filter((g) => g.role === role).map((g) => g.openid))].sort()
  // Nobody holds the role there yet: nothing to send, and nothing recorded (the screen says so).
  if (!to.length) return { orgId: org._id, sent: 0, repeated: false, remindedAt: toIsoShanghai(ctx.now) }
  const doc: DutyReminderDoc = { _id: id, orgId: org._id, parentId: parent._id, year: b.year, on, by: ctx.openid, at: ctx.now, to }
  try {
    await deps.store.transaction(async (tx) => {
      await tx.create('dutyReminders', doc)
      for (const openid of to) {
        const notice: NoticeDoc = {
          _id: keyId('NDR', id, openid),
          openid,
          title: `述职催报：${b.year} 年度`,
          body: `${parent.name}提醒：${org.name}（${KIND_LABEL[org.kind]}）尚未提交 ${b.year} 年度述职报告，请尽快在“述职”中提交。`,
          at: ctx.now,
        }
        await tx.set('notices', notice)
      }
      // The same reminder as a 订阅消息 (待办事项提醒), once per org and day like the notice (docs/DESIGN.md#reminders).
      await queueOrgEvent(
        tx,
        to,
        {
          key: ['duty-remind', id],
          template: 'review_digest',
          event: 'report.remind',
          scopeId: org._id,
          values: { title: `${b.year} 年度述职待提交`, count: '1', note: `${parent.name}催报，请尽快提交述职报告` },
          page: 'report',
        },
        ctx.now,
      )
      await tx.create('audit', auditDoc(ctx, 'report.remind', org._id, null, { year: b.year, to: to.length }))
    })
  } catch (e) {
    if (e instanceof DocumentExists && e.collection === 'dutyReminders') {
      const d = await deps.store.get('dutyReminders', id)
      if (d) return answer(d, true)
    }
    throw e
  }
  return answer(doc, false)
}
