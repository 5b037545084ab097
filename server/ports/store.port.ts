// The storage port: a narrow document store that both the WeChat cloud database and SQLite can honour.
// - Uniqueness comes from deterministic ids (`create` fails on an existing id), never from read-then-write.
// - Transactions use single-document operations only (get / create / set by id), because in wx-server-sdk
//   `where().update()`, `where().remove()` and `count()` silently run outside a transaction.
// - Filters are equality on top-level fields with scalar values, or `OneOf` built by server code. A plain object
//   is never a filter value, so a `$`-operator in a request cannot reach the database.
import type { Documents } from '../model/documents'

export const COLLECTIONS = [
  'orgs',
  'members',
  'bindings',
  'grants',
  'rulesets',
  'activities',
  'attendances',
  'signups',
  'notices',
  'ledger',
  'unitScores',
  'totals',
  'tallyRuns',
  'publicity',
  'appeals',
  'remarks',
  'audit',
  'rateLimits',
  'settings',
  /** Local backend only: who uploaded which photo (in the cloud, WeChat's storage keeps that). */
  'files',
  'moves',
  /** The county's 积分明细 template, one per year (`TPL_<year>`). */
  'templates',
  /** Resumable jobs (核算, 定稿, exports, imports): cursor, progress, lease. */
  'jobs',
  /** The uploaded chunks of a directory import, with their preview problems (`IC…` per job and index). */
  'importChunks',
  /** An export job's rows between its steps (`<jobId>_<n>`), removed once the file is written (docs/DESIGN.md#jobs). */
  'exportParts',
  /** 订阅消息 credits per person and template (docs/DESIGN.md#reminders). */
  'subscriptions',
  /** The 订阅消息 outbox: one document per event and recipient. */
  'messages',
  // 满意度测评 (docs/DESIGN.md#satisfaction-surveys)
  /** A survey per estate and period, opened and closed by the community. */
  'surveys',
  /** One answer per survey and WeChat identity (`_id` from both). */
  'surveyAnswers',
  /** 述职: one report per org and year, every version of it, and the reminders sent to orgs that have not reported. */
  'dutyReports',
  'dutyReportVersions',
  'dutyReminders',
  /** 红旗小区 评选: the year's campaign (`RFC_<year>`), each estate's application, each reviewer's score sheet. */
  'rfCampaigns',
  'rfApplications',
  'rfScores',
  /** 红旗小区 公示: 问题反映 against approved estates. */
  'rfReports',
] as const
export type Collection = (typeof COLLECTIONS)[number]

/**
 * Fields each collection is queried by; SQLite creates these indexes, README lists them for the cloud. Every
 * index is paid for by every write of its collection: list a field only if a query needs it. A coarse field
 * (`year`, `status`, `kind`) is only used when no selective indexed field is in the filter (the SQLite adapter
 * steers away from it), so it is worth an index only for queries on coarse fields alone.
 */
export const INDEXES: Record<Collection, string[]> = {
  orgs: ['kind', 'parentId'],
  members: ['estateBranchId', 'unitBranchId', 'status', 'phone'],
  bindings: ['memberId'],
  grants: ['openid', 'scopeId'],
  rulesets: ['estateBranchId', 'year'],
  activities: ['estateBranchId', 'year'],
  // No `status`: every query on attendances also names activityId, memberId, estateBranchId or _id.
  attendances: ['activityId', 'memberId', 'estateBranchId'],
  signups: ['activityId', 'memberId'],
  // openid: notices to a secretary or admin as such (述职 reminders), who need not be a member.
  notices: ['memberId', 'openid'],
  ledger: ['memberId', 'year', 'estateBranchId', 'kind'],
  unitScores: ['unitBranchId', 'year', 'memberId'],
  // rankKey: a large score.list pages a scope's totals best first (findPage by rankKey).
  totals: ['year', 'estateBranchId', 'rankKey'],
  tallyRuns: [],
  publicity: ['year'],
  appeals: ['estateBranchId', 'memberId', 'year'],
  remarks: ['memberId', 'year', 'estateBranchId'],
  // No `target`: nothing reads the audit trail by record (the cloud has no audit index either), and that index
  // cost every change, e.g. a check-in, one more random page to write and sync. Add it back with a query that needs it.
  audit: [],
  rateLimits: [],
  settings: [],
  files: ['owner'],
  moves: ['deciderEstateId'],
  // By `_id` only (TPL_<year>); the fallback to an earlier year reads the whole, tiny collection.
  templates: [],
  // The timer looks for running jobs nobody drives; a person lists their own.
  jobs: ['status', 'startedBy'],
  // The preview job sums its chunks' forecasts in one read of a few fields.
  importChunks: ['jobId'],
  // By `_id` only (`<jobId>_<n>`).
  exportParts: [],
  // By `_id` (keyId of openid and template) only.
  subscriptions: [],
  // The sender pages queued messages by due time; a person lists their own; 消息记录 lists by status.
  messages: ['status', 'openid', 'memberId'],
  // 满意度测评: a scope's surveys by estate; a survey's answers by survey.
  surveys: ['estateBranchId'],
  surveyAnswers: ['surveyId'],
  // 述职: the level above lists its children's reports of a year; a report's versions are read by report.
  dutyReports: ['parentId'],
  dutyReportVersions: ['reportId'],
  dutyReminders: ['parentId'],
  // 红旗小区: campaigns by `_id` (RFC_<year>); a year's applications and score sheets (~100 a year) read by year.
  rfCampaigns: [],
  rfApplications: ['year'],
  rfScores: ['year'],
  rfReports: ['year'],
}

export type Scalar = string | number | boolean | null

export class OneOf {
  constructor(readonly values: readonly Scalar[]) {}
}

export type Filter = Record<string, Scalar | OneOf>

export interface FindOptions {
  orderBy?: { field: string; dir: 'asc' | 'desc' }
  limit?: number
}

/** One page of a scan in `_id` order, or in the order of a string key field (`findPage`). */
export interface PageOptions {
  /**
   * Continue after this `_id` (exclusive): the last `_id` of the previous page. Omit for the first page. With
   * `by`, a value of that field instead.
   */
  after?: string
  /**
   * Scan in ascending order of this top-level field instead of `_id` (keyset paging on a stored sort key, e.g.
   * a total's `rankKey`). Only documents whose field is a non-empty string are answered, each page those greater
   * than `after`; the field must be unique among the matching documents, or a page boundary may skip ties. The
   * cloud serves it from the field's index, so list the field in INDEXES.
   */
  by?: string
  /** Page size, 1–1000 (the cloud database returns at most 1000 documents per `get()`). */
  limit: number
}

/** A page of only some fields of each document. */
export interface FieldsOptions<F extends string> extends PageOptions {
  /**
   * Return only `_id` and these top-level fields. A field the document lacks, or holds null, is left out,
   * so both backends answer the same.
   */
  fields: readonly F[]
}

export const MAX_PAGE = 1000

export interface Doc {
  _id: string
}

/** Which document type each collection holds: `Documents` for the application, anything for the contract suite. */
export type DocMap = { [C in Collection]: Doc }

/** The fields of F that every document holds, not null: the others may come back absent. */
type AlwaysThere<T, F extends keyof T> = { [K in F]-?: null extends T[K] ? never : undefined extends T[K] ? never : K }[F]

/**
 * A document cut down by `findPage` with `fields`: `_id`, the fields it always holds, and the optional or
 * nullable ones only when present (a null comes back absent).
 */
export type Picked<T extends Doc, F extends keyof T> = { _id: string } & Pick<T, AlwaysThere<T, F>> & {
    [K in Exclude<F, AlwaysThere<T, F>>]?: NonNullable<T[K]>
  }

/** Thrown by `create` when a document with that id exists already. */
export class DocumentExists extends Error {
  constructor(
    readonly collection: Collection,
    readonly id: string,
  ) {
    super(`document ${collection}/${id} exists`)
  }
}

/**
 * Thrown by `transaction` when the transaction kept meeting other writers of the same documents after every retry
 * (the cloud database; SQLite runs transactions one after another and never throws it). A caller for whom that
 * means "too many at once" may answer so instead of failing.
 */
export class TransactionContended extends Error {}

export interface TxStore<M extends DocMap = Documents> {
  get<C extends Collection>(coll: C, id: string): Promise<M[C] | null>
  /** Inserts; throws DocumentExists if the id is taken. */
  create<C extends Collection>(coll: C, doc: M[C]): Promise<void>
  /** Replaces or inserts the whole document. */
  set<C extends Collection>(coll: C, doc: M[C]): Promise<void>
}

/** Removing a document is not offered inside a transaction: nothing that must be atomic deletes. */

export interface Store<M extends DocMap = Documents> extends TxStore<M> {
  find<C extends Collection>(coll: C, filter: Filter, opts?: FindOptions): Promise<M[C][]>
  count(coll: Collection, filter: Filter): Promise<number>
  /**
   * Up to `limit` documents matching `filter` whose `_id` is greater than `after`, in ascending `_id` order: a
   * scan that holds one page at a time and can stop and resume anywhere. Fewer than `limit` means the end.
   * The filter may not constrain `_id` when `after` is given.
   */
  findPage<C extends Collection, F extends keyof M[C] & string>(coll: C, filter: Filter, opts: FieldsOptions<F>): Promise<Picked<M[C], F>[]>
  findPage<C extends Collection>(coll: C, filter: Filter, opts: PageOptions): Promise<M[C][]>
  /** Inserts unless the id exists; returns the stored document either way. */
  createIfAbsent<C extends Collection>(coll: C, doc: M[C]): Promise<{ created: boolean; doc: M[C] }>
  /** Removes the document of that id, if there is one (temporary documents, e.g. an export's parts). */
  remove(coll: Collection, id: string): Promise<void>
  /**
   * Runs `fn` atomically. `fn` may be retried by the adapter on a write conflict, so it must have no side
   * effects other than through `tx`.
   */
  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R>
  close(): Promise<void>
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,40}$/
/** Field names are code, not input; this guards the adapters that build paths from them. */
export function assertField(field: string): void {
  if (!FIELD.test(field)) throw new Error(`invalid field name: ${field}`)
}

/** Validates page options; both adapters call it so that they refuse the same things. */
export function assertPageOptions(filter: Filter, opts: PageOptions & { fields?: readonly string[] }): void {
  if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_PAGE) throw new Error(`limit must be an integer from 1 to ${MAX_PAGE}`)
  if (opts.after !== undefined && typeof opts.after !== 'string') throw new Error('after must be an _id')
  if (opts.by !== undefined) {
    assertField(opts.by)
    if (opts.by in filter) throw new Error('a page in the order of a field cannot also filter on it')
  } else if (opts.after !== undefined && '_id' in filter) throw new Error('a page after an _id cannot also filter on _id')
  for (const f of opts.fields ?? []) assertField(f)
}

export function assertFilterValue(v: unknown): asserts v is Scalar | OneOf {
  if (v instanceof OneOf) {
    for (const x of v.values) assertFilterValue(x)
    return
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return
  throw new Error('filter values must be scalars')
}
