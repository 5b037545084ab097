// One member row of the directory, from the request to the document written (docs/DESIGN.md#directory-import):
// the same rules for `admin.importDirectory` (one body, refused whole on the first bad row) and the chunked import
// (every row checked, the bad ones listed as problems and skipped).
import type { ImportProblem } from '../../src/core/api-types'
import type { RosterRow } from '../../src/core/contracts'
import { AppError, type ErrorCode } from '../../src/core/errors'
import { phoneSchema, s } from '../../src/core/schema'
import type { Deps } from '../context/deps'
import type { ImportCounts } from '../model/import'
import type { MemberDoc, OrgDoc } from '../model/org'
import { findIn } from '../queries/orgs'

export interface MemberInput {
  id: string
  name: string
  phone: string
  unitBranchId: string
  estateBranchId?: string
}

export type MemberPlan =
  | { outcome: 'created' | 'updated' | 'unchanged'; doc: MemberDoc }
  | { outcome: 'problem'; code: ErrorCode; reason: string; field: 'id' | 'unitBranchId' | 'estateBranchId' }

/** Names JavaScript gives meaning to: never a member's id, whatever the pattern of ids allows. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * What importing one member row does, given its orgs (null: not found) and the member as stored. Re-importing keeps
 * what registration established (binding, status, the estate of a registered member).
 */
export function planMember(
  m: MemberInput,
  unitBranch: OrgDoc | null,
  estate: OrgDoc | null | undefined,
  existing: MemberDoc | null,
  now: number,
): MemberPlan {
  if (RESERVED_IDS.has(m.id)) return { outcome: 'problem', code: 'VALIDATION', reason: `党员编号不能是 ${m.id}`, field: 'id' }
  if (!unitBranch || unitBranch.kind !== 'unitBranch')
    return { outcome: 'problem', code: 'NOT_FOUND', reason: `单位党支部不存在：${m.unitBranchId}`, field: 'unitBranchId' }
  if (m.estateBranchId && (!estate || estate.kind !== 'estate'))
    return { outcome: 'problem', code: 'NOT_FOUND', reason: `小区党支部不存在：${m.estateBranchId}`, field: 'estateBranchId' }
  if (!existing) {
    const doc: MemberDoc = {
      _id: m.id,
      name: m.name,
      phone: m.phone,
      unitBranchId: m.unitBranchId,
      estateBranchId: m.estateBranchId ?? null,
      status: 'directory',
      openid: null,
      inDirectory: true,
      updatedAt: now,
    }
    return { outcome: 'created', doc }
  }
  const estateBranchId = existing.openid ? existing.estateBranchId : (m.estateBranchId ?? null)
  const same =
    existing.name === m.name &&
    existing.phone === m.phone &&
    existing.unitBranchId === m.unitBranchId &&
    existing.estateBranchId === estateBranchId &&
    existing.inDirectory === true
  const doc: MemberDoc = {
    ...existing,
    name: m.name,
    phone: m.phone,
    unitBranchId: m.unitBranchId,
    estateBranchId,
    inDirectory: true,
    updatedAt: now,
  }
  return { outcome: same ? 'unchanged' : 'updated', doc: same ? existing : doc }
}

// The same field rules as `admin.importDirectory`'s body (src/core/contracts.ts), applied to one cell at a time.
const FIELDS = {
  id: s.id('党员编号'),
  name: s.str({ label: '姓名', min: 1, max: 40 }),
  phone: phoneSchema(),
  unitBranchId: s.id('单位党支部'),
  estateBranchId: s.id('小区党支部'),
} as const

/** A roster row's cells as a member, or why not (in words, without the row number: the list shows that). */
export function rowToMember(row: RosterRow): MemberInput | string {
  if (row.problem) return row.problem
  const at = `第${row.line}行`
  const out: Record<string, string> = {}
  for (const key of ['id', 'name', 'phone', 'unitBranchId', 'estateBranchId'] as const) {
    const value = row[key]
    if (key === 'estateBranchId' && (value === undefined || value.trim() === '')) continue
    try {
      out[key] = FIELDS[key].parse(value ?? '', at)
    } catch (err) {
      if (err instanceof AppError) return err.message.replace(`（${at}）`, '')
      throw err
    }
  }
  return out as unknown as MemberInput
}

export interface CheckedChunk {
  problems: ImportProblem[]
  counts: ImportCounts
  /** The documents to write (created and updated rows). */
  writes: MemberDoc[]
}

const problemOf = (row: RosterRow, reason: string): ImportProblem => ({
  line: row.line,
  reason,
  ...(row.id ? { id: row.id.slice(0, 64) } : {}),
  ...(row.name ? { name: row.name.slice(0, 40) } : {}),
})

/**
 * Checks a chunk of roster rows against the directory as it is now: three reads (orgs, members), whatever the rows
 * hold. Rows repeating a member id of an earlier row of the chunk are problems (the app finds repeats across chunks).
 */
export async function checkRosterChunk(rows: RosterRow[], deps: Deps, now: number): Promise<CheckedChunk> {
  const parsed = rows.map((row) => ({ row, m: rowToMember(row) }))
  const valid = parsed.flatMap((p) => (typeof p.m === 'string' ? [] : [p.m]))
  const orgIds = [...new Set(valid.flatMap((m) => (m.estateBranchId ? [m.unitBranchId, m.estateBranchId] : [m.unitBranchId])))]
  const orgs = new Map((orgIds.length ? await findIn(deps.store, 'orgs', '_id', orgIds) : []).map((o) => [o._id, o]))
  const memberIds = [...new Set(valid.map((m) => m.id))]
  const members = new Map((memberIds.length ? await findIn(deps.store, 'members', '_id', memberIds) : []).map((m) => [m._id, m]))
  const out: CheckedChunk = { problems: [], counts: { created: 0, updated: 0, unchanged: 0, problems: 0 }, writes: [] }
  const seen = new Map<string, number>()
  for (const { row, m } of parsed) {
    if (typeof m === 'string') {
      out.problems.push(problemOf(row, m))
      continue
    }
    const earlier = seen.get(m.id)
    if (earlier !== undefined) {
      out.problems.push(problemOf(row, `与第 ${earlier} 行的党员编号重复：${m.id}`))
      continue
    }
    seen.set(m.id, row.line)
    const estate = m.estateBranchId ? (orgs.get(m.estateBranchId) ?? null) : undefined
    const plan = planMember(m, orgs.get(m.unitBranchId) ?? null, estate, members.get(m.id) ?? null, now)
    if (plan.outcome === 'problem') {
      out.problems.push(problemOf(row, plan.reason))
      continue
    }
    out.counts[plan.outcome]++
    if (plan.outcome !== 'unchanged') out.writes.push(plan.doc)
  }
  out.counts.problems = out.problems.length
  return out
}

/** Adds counts (the apply job sums its chunks'). */
export function addCounts(to: Record<string, number>, c: ImportCounts): void {
  for (const k of ['created', 'updated', 'unchanged', 'problems'] as const) to[k] = (to[k] ?? 0) + c[k]
}
