import type { ActionName, BodyOf, ResultOf } from '@/core/contracts'

export type { ResultOf }
import type { RuleSetView } from '@/core/api-types'
import { ActionError } from './errors'
import { send } from './transport'

/** A list result: the server may answer a bare array or `{ rows }` (as `score.list` does); see `rowsOf`. */
export type ListOf<T> = T[] | { rows: T[] }

/** `current` is the adopted version in force; `versions` lists all (drafts only for staff). */
export type RulesetGet =
  | { current?: RuleSetView | null; versions?: RuleSetView[]; adopted?: RuleSetView | null; draft?: RuleSetView | null }
  | RuleSetView
  | RuleSetView[]
  | null

/**
 * The body as sent on the wire. `BodyOf` is the schema's *parsed* type, which differs where the server converts:
 * date-times travel as ISO 8601 strings and are parsed into epoch milliseconds.
 */
type WireDates<T, K extends string> = Omit<T, K> & { [P in keyof Pick<T, K & keyof T>]: string }
export type RequestOf<A extends ActionName> = A extends 'activity.create'
  ? WireDates<BodyOf<A>, 'startAt' | 'endAt'>
  : A extends 'attendance.backfill'
    ? WireDates<BodyOf<A>, 'checkinAt' | 'checkoutAt'>
    : A extends 'activity.checkin' | 'activity.checkout'
      ? WireDates<BodyOf<A>, 'scannedAt'>
      : BodyOf<A>

/** Calls an action on the backend of this platform; resolves with its data or rejects with an ActionError. */
export async function callAction<A extends ActionName>(action: A, body: RequestOf<A>): Promise<ResultOf<A>> {
  let envelope: Awaited<ReturnType<typeof send>>
  try {
    envelope = await send(action, body as object)
  } catch {
    throw new ActionError('NETWORK', '网络不给力，请检查网络后重试')
  }
  if (envelope.ok) return envelope.data as ResultOf<A>
  const { code, message, details } = envelope.error
  throw new ActionError(code, message || '操作失败，请稍后再试', details)
}

export function rowsOf<T>(data: ListOf<T> | null | undefined): T[] {
  if (!data) return []
  return Array.isArray(data) ? data : Array.isArray(data.rows) ? data.rows : []
}

/** The binding (adopted) rule set of a `ruleset.get` answer, whichever shape the server chose. */
export function adoptedRuleset(data: RulesetGet | undefined): RuleSetView | null {
  if (!data) return null
  if (Array.isArray(data)) {
    const adopted = data.filter((r) => r.status === 'adopted').sort((a, b) => b.version - a.version)
    return adopted[0] ?? null
  }
  if ('items' in data && 'status' in data) return data.status === 'adopted' ? data : null
  const d = data as { adopted?: RuleSetView | null; current?: RuleSetView | null; versions?: RuleSetView[] }
  return d.current ?? d.adopted ?? (d.versions ? adoptedRuleset(d.versions) : null)
}
