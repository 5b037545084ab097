import type { ActionName, BodyOf, ResultOf } from '@/core/contracts'
import { ActionError } from './errors'
import { send } from './transport'

export type { ResultOf }

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
