// .xlsx exports. An export reads through the same queries that its screen uses, so it shows exactly what
// that screen shows to the caller, with the same scope checks and the same phone masking.
import { fail } from '../../src/core/errors'
import type { BodyOf } from '../../src/core/contracts'
import { toNumber } from '../../src/core/scoring'
import { toIsoShanghai } from '../../src/core/time'
import { writeXlsx, type Cell } from '../../src/lib/xlsx'
import { SCOPE_READERS, requireScope } from '../context/authz'
import type { Ctx } from '../context/caller'
import type { Deps } from '../context/deps'
import type { MemberDoc, OrgDoc } from '../model/org'
import { FEEDBACK_READERS, feedbackTable } from '../queries/feedback'
import { memberViewsUnder } from '../queries/members'
import { findIn, findMembersIn, orgsUnder, requireOrg } from '../queries/orgs'
import { scoreRows } from '../queries/scores'

function fileName(kind: string, scope: OrgDoc, year: number, now: number): string {
  const label = { roster: '名册', ledger: '积分流水', totals: '年度总分', feedback: '双报告反馈表' }[kind] ?? kind
  return `${scope.name}-${year}-${label}-${toIsoShanghai(now).slice(0, 10)}.xlsx`
}

const STATUS_TEXT: Record<string, string> = { active: '已报到', pending: '待审核', rejected: '未通过', directory: '未报到' }

async function ledgerSheet(scope: OrgDoc, year: number, ctx: Ctx, deps: Deps): Promise<Cell[][]> {
  requireScope(ctx, SCOPE_READERS, scope)
  const under = await orgsUnder(deps.store, scope)
  const estates = under.filter((o) => o.kind === 'estate').map((o) => o._id)
  const units = under.filter((o) => o.kind === 'unitBranch').map((o) => o._id)
  const members = new Map<string, MemberDoc>()
  for (const m of [...(await findMembersIn(deps.store, 'estateBranchId', estates)), ...(await findMembersIn(deps.store, 'unitBranchId', units))])
    members.set(m._id, m)
  const entries = await findIn(deps.store, 'ledger', 'memberId', [...members.keys()], { year })
  entries.sort((a, c) => a.at - c.at || a._id.localeCompare(c._id))
  const orgNames = new Map(under.map((o) => [o._id, o.name]))
  return [
    ['日期', '姓名', '党员编号', '小区党支部', '事项', '细则', '类别', '分值', '类型', '积分明细版本', '说明', '记录人', '记录时间'],
    ...entries.map((e) => [
      toIsoShanghai(e.at).slice(0, 10),
      members.get(e.memberId)?.name ?? '',
      e.memberId,
      orgNames.get(e.estateBranchId) ?? e.estateBranchId,
      e.title,
      e.itemName,
      e.category,
      toNumber(e.points),
      { activity: '活动', reversal: '冲正', adjustment: '调整', deduction: '扣分', claim: '申报' }[e.kind] ?? e.kind,
      e.rulesetVersion || null,
      e.reason ?? '',
      e.createdBy,
      toIsoShanghai(e.createdAt).slice(0, 16).replace('T', ' '),
    ]),
  ]
}

export async function exportXlsx(b: BodyOf<'export.xlsx'>, ctx: Ctx, deps: Deps) {
  const scope = await requireOrg(deps.store, b.scopeId, ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'], '范围')
  let rows: Cell[][]
  if (b.kind === 'roster') {
    requireScope(ctx, SCOPE_READERS, scope)
    const list = await memberViewsUnder(ctx, deps, scope)
    const names = new Map((await deps.store.find('orgs', {})).map((o) => [o._id, o.name]))
    rows = [
      ['姓名', '党员编号', '手机号', '单位党支部', '小区党支部', '状态', '报到时间'],
      ...list.map((m) => [
        m.name,
        m.id,
        m.phone,
        names.get(m.unitBranchId) ?? m.unitBranchId,
        names.get(m.estateBranchId) ?? m.estateBranchId,
        STATUS_TEXT[m.status] ?? m.status,
        m.registeredAt?.slice(0, 10) ?? '',
      ]),
    ]
  } else if (b.kind === 'totals') {
    requireScope(ctx, SCOPE_READERS, scope)
    const list = await scoreRows(deps.store, b.year, scope)
    rows = [
      ['姓名', '党员编号', '单位积分', '单位权重', '小区积分', '小区权重', '总分', '等次', '小区内排名', '单位内排名', '状态'],
      ...list.map((r) => [
        r.name,
        r.memberId,
        r.unitScore,
        r.weights.unit,
        r.estateScore,
        r.weights.estate,
        r.total,
        r.band,
        r.rankInEstate,
        r.rankInUnit,
        r.complete ? '完整' : '未完成（缺单位积分）',
      ]),
    ]
  } else if (b.kind === 'feedback') {
    // A unit branch's own table is unchanged; a wider scope (admins) also says which unit branch each member is in.
    requireScope(ctx, FEEDBACK_READERS, scope)
    const fb = await feedbackTable(deps, scope, b.year)
    const wide = scope.kind !== 'unitBranch'
    rows = [
      [
        '姓名',
        '党员编号',
        ...(wide ? ['单位党支部'] : []),
        '是否报到',
        '报到小区',
        '参加活动（次）',
        '服务时长（小时）',
        '小区积分',
        '小区党支部评语',
      ],
      ...fb.rows.map((r) => [
        r.name,
        r.memberId,
        ...(wide ? [r.unitBranchName] : []),
        r.registered ? '是' : '否',
        r.estateBranchName,
        r.activities,
        r.hours,
        r.estateScore,
        r.remark,
      ]),
    ]
  } else {
    rows = await ledgerSheet(scope, b.year, ctx, deps)
  }
  const bytes = writeXlsx([{ name: { roster: '名册', ledger: '积分流水', totals: '年度总分', feedback: '双报告' }[b.kind], rows }])
  // A cloud function answer is limited in size; beyond this the export must be split by scope.
  if (bytes.length > 4 * 1024 * 1024) fail('CONFLICT', '导出内容过大，请缩小范围（如按街道或社区分别导出）')
  return {
    filename: fileName(b.kind, scope, b.year, ctx.now),
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    rows: rows.length - 1,
    base64: Buffer.from(bytes).toString('base64'),
  }
}
