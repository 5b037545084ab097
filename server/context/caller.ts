// What every use case receives: the ports (deps) and who is calling (ctx), plus the scope rules of SPEC §2.
import { createHash } from 'node:crypto'
import { nanoid } from 'nanoid'
import { AppError, fail } from '../src/core/errors'
import type { Caller, OrgKind, Role } from '../src/core/contracts'
import type { Hmac } from '../src/core/rotating-code'
import type { MemberStatus } from '../src/core/api-types'
import { DEFAULT_BANDS, DEFAULT_WEIGHTS, type Band, type Weights } from '../src/core/scoring'
import { OneOf, type Collection, type Filter, type Store, type TxStore } from './ports/store.port'
import type { Clock } from './ports/clock.port'
import type { FileStore } from './ports/files.port'

export const COUNTY_ID = 'county'

export interface Deps {
  store: Store
  clock: Clock
  /** HMAC with the server-only check-in secret. */
  hmac: Hmac
  /** Openids that are county admins by configuration (ADMIN_OPENIDS). */
  adminOpenids: ReadonlySet<string>
  /** Renders a QR code as an image data URL. */
  renderQr: (text: string) => string
  /**
   * Decodes the code of WeChat's getPhoneNumber button into the member's verified number. Where it exists
   * (the cloud), a typed phone number is refused; the local backend has none and accepts a typed number.
   */
  verifyPhoneCode?: (code: string) => Promise<string>
  /** Renders a printable 小程序码 for a scene (wxacode.getUnlimited) as a data URL; absent locally. */
  wxacode?: (scene: string) => Promise<string>
  /** Photos attached to claims: local files, or WeChat cloud storage. */
  files: FileStore
}

export interface OrgDoc {
  _id: string
  kind: OrgKind
  name: string
  parentId: string | null
  /** Ancestor ids, root first, excluding itself. */
  path: string[]
}

export interface MemberDoc {
  _id: string
  name: string
  phone: string
  unitBranchId: string
  estateBranchId: string | null
  status: MemberStatus
  openid: string | null
  inDirectory: boolean
  registeredAt?: number
  reviewedBy?: string
  reviewReason?: string
  /** Earlier branches, kept when a member moves (SPEC §3.1). */
  history?: { estateBranchId: string | null; unitBranchId: string; until: number }[]
  updatedAt: number
}

export interface GrantDoc {
  _id: string
  openid: string
  role: Role
  scopeId: string
}

export interface Ctx {
  openid: string
  now: number
  grants: GrantDoc[]
  member: MemberDoc | null
}

export async function loadCtx(deps: Deps, openid: string): Promise<Ctx> {
  const [grants, binding] = await Promise.all([
    deps.store.find<GrantDoc>('grants', { openid }),
    deps.store.get<{ _id: string; memberId: string }>('bindings', openid),
  ])
  if (deps.adminOpenids.has(openid) && !grants.some((g) => g.role === 'county_admin')) {
    grants.push({ _id: `${openid}:county_admin:${COUNTY_ID}`, openid, role: 'county_admin', scopeId: COUNTY_ID })
  }
  const member = binding ? await deps.store.get<MemberDoc>('members', binding.memberId) : null
  return { openid, now: deps.clock.now(), grants, member }
}

export function isActiveMember(ctx: Ctx): boolean {
  return ctx.member !== null && ctx.member.status === 'active'
}

/** Whether the caller holds any role the action declares (scope is checked by the use case). */
export function mayCall(ctx: Ctx, who: readonly Caller[]): boolean {
  return who.some((c) => (c === 'anyone' ? true : c === 'member' ? isActiveMember(ctx) : ctx.grants.some((g) => g.role === c)))
}

export async function getOrg(store: Store | TxStore, id: string): Promise<OrgDoc | null> {
  return store.get<OrgDoc>('orgs', id)
}

export async function requireOrg(store: Store, id: string, kind: OrgKind | OrgKind[], label: string): Promise<OrgDoc> {
  const org = await getOrg(store, id)
  const kinds = Array.isArray(kind) ? kind : [kind]
  if (!org || !kinds.includes(org.kind)) fail('NOT_FOUND', `${label}不存在：${id}`, { id })
  return org as OrgDoc
}

/** Does one of the caller's grants with these roles cover the org (the org itself or an ancestor)? */
export function covers(ctx: Ctx, roles: readonly Role[], org: OrgDoc): boolean {
  return ctx.grants.some((g) => roles.includes(g.role) && (g.scopeId === org._id || org.path.includes(g.scopeId)))
}

export function requireScope(ctx: Ctx, roles: readonly Role[], org: OrgDoc, what = '该范围'): void {
  if (!covers(ctx, roles, org)) fail('FORBIDDEN', `无权访问${what}（${org.name}）`)
}

export const ADMIN_ROLES: readonly Role[] = ['community_admin', 'street_admin', 'county_admin']

/** Every org below (and including) `root`, loaded once; org trees are small (hundreds of nodes). */
export async function orgsUnder(store: Store, root: OrgDoc): Promise<OrgDoc[]> {
  const all = await store.find<OrgDoc>('orgs', {})
  return all.filter((o) => o._id === root._id || o.path.includes(root._id))
}

/** Finds documents whose `field` is one of `values`, in chunks the cloud database accepts. */
export async function findIn<T extends { _id: string }>(
  store: Store,
  coll: Collection,
  field: string,
  values: string[],
  extra: Filter = {},
): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < values.length; i += 500) {
    out.push(...(await store.find<T>(coll, { [field]: new OneOf(values.slice(i, i + 500)), ...extra })))
  }
  return out
}

export const findMembersIn = (store: Store, field: 'estateBranchId' | 'unitBranchId', ids: string[], extra: Filter = {}) =>
  findIn<MemberDoc>(store, 'members', field, ids, extra)

/** A random id (activities, audit records): 12 url-safe characters, ~71 bits. */
export function newId(prefix: string): string {
  return `${prefix}${nanoid(12)}`
}

/** A deterministic id: the storage then guarantees "one per key" without a read-then-write. */
export function keyId(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 24)}`
}

export interface AuditDoc {
  _id: string
  at: number
  openid: string
  action: string
  target: string
  before?: unknown
  after?: unknown
}

export function auditDoc(ctx: Ctx, action: string, target: string, before: unknown, after: unknown): AuditDoc {
  const doc: AuditDoc = { _id: newId('AU'), at: ctx.now, openid: ctx.openid, action, target }
  if (before !== undefined && before !== null) doc.before = before
  if (after !== undefined && after !== null) doc.after = after
  return doc
}

/** A name to show for an openid: the member it is bound to, else `fallback` (the role it acted in). */
export async function nameOfOpenid(store: Store, openid: string, fallback: string): Promise<string> {
  const binding = await store.get<{ _id: string; memberId: string }>('bindings', openid)
  const member = binding ? await store.get<{ _id: string; name: string }>('members', binding.memberId) : null
  return member ? member.name : fallback
}

/**
 * Photo ids sent with a claim or a deduction, once each; refused unless every one exists and was uploaded by the
 * caller (`what` names them in the message, e.g. 照片 / 佐证照片).
 */
export async function ownPhotos(ctx: Ctx, files: FileStore, ids: readonly string[] | undefined, what: string): Promise<string[]> {
  const photos = [...new Set(ids ?? [])]
  if (photos.length) {
    const refused = await files.refuse(ctx.openid, photos)
    if (refused.length) fail('VALIDATION', `有 ${refused.length} 张${what}不存在或不是您本人上传的，请重新上传`, { field: 'photos', ids: refused })
  }
  return photos
}

export interface YearSettingsDoc {
  _id: string
  year: number
  weights: Weights
  bands: Band[]
  locked: boolean
  /** 公示 calendar: holidays that do not count, weekend days that do (调休). */
  holidays?: string[]
  extraWorkdays?: string[]
  /** County setting: an estate-internal honour list may be shown (off by default, SPEC §3.6). */
  honourList?: boolean
  finalisedAt?: number
  finalisedBy?: string
}

export async function yearSettings(store: Store | TxStore, year: number): Promise<YearSettingsDoc> {
  const doc = await store.get<YearSettingsDoc>('settings', `year_${year}`)
  return doc ?? { _id: `year_${year}`, year, weights: DEFAULT_WEIGHTS, bands: DEFAULT_BANDS, locked: false }
}

export async function assertYearOpen(store: Store | TxStore, year: number): Promise<void> {
  if ((await yearSettings(store, year)).locked) fail('YEAR_LOCKED', `${year} 年度已定稿锁定，只能通过审计调整更正`)
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
