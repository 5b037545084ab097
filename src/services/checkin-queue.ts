// Weak network (SPEC §3.4): a check-in whose call never got an answer is kept on the device and retried with
// `queued: true`. The server accepts it until the check-out deadline but always sends it to review.
import Taro from '@tarojs/taro'
import type { CheckinResult } from '@/core/api-types'
import { callAction, type RequestOf } from './api'
import { isNetworkError } from './errors'

export type CodeKind = 'activity.checkin' | 'activity.checkout'
export type CodeBody = RequestOf<'activity.checkin'>

interface QueuedCall {
  kind: CodeKind
  body: CodeBody
  at: number
}

const KEY = 'dsj.checkinQueue'
const MAX_AGE_MS = 24 * 3600_000

function load(): QueuedCall[] {
  try {
    const v = Taro.getStorageSync(KEY)
    return Array.isArray(v) ? (v as QueuedCall[]) : []
  } catch {
    return []
  }
}

function save(list: QueuedCall[]): void {
  try {
    Taro.setStorageSync(KEY, list)
  } catch {
    // Storage full or unavailable: nothing more we can do on the device.
  }
}

export const pendingCount = (): number => load().length

export type SubmitOutcome = { result: CheckinResult; queued: false } | { result: null; queued: true }

/** Sends a check-in/out; on a network failure it is queued and `{ queued: true }` is returned instead. */
export async function submitCode(kind: CodeKind, body: CodeBody): Promise<SubmitOutcome> {
  try {
    return { result: await callAction(kind, body), queued: false }
  } catch (err) {
    if (!isNetworkError(err)) throw err
    const list = load().filter((q) => !sameCall(q, { kind, body, at: 0 }))
    list.push({ kind, body, at: Date.now() })
    save(list)
    return { result: null, queued: true }
  }
}

const sameCall = (a: QueuedCall, b: QueuedCall) => a.kind === b.kind && JSON.stringify(a.body) === JSON.stringify(b.body)

let flushing: Promise<CheckinResult[]> | null = null

/** Retries queued calls; keeps those that still meet a network failure, drops those the server answered. */
export function flushCheckinQueue(): Promise<CheckinResult[]> {
  if (flushing) return flushing
  flushing = (async () => {
    const done: CheckinResult[] = []
    const keep: QueuedCall[] = []
    const snapshot = load()
    for (const q of snapshot) {
      if (Date.now() - q.at > MAX_AGE_MS) continue
      try {
        done.push(await callAction(q.kind, { ...q.body, queued: true }))
      } catch (err) {
        if (isNetworkError(err)) keep.push(q)
      }
    }
    // Calls queued while this flush ran are kept as well.
    const added = load().filter((q) => !snapshot.some((s) => sameCall(s, q)))
    save([...keep, ...added])
    if (done.length) Taro.showToast({ title: `已补交 ${done.length} 条签到`, icon: 'none' })
    return done
  })().finally(() => {
    flushing = null
  })
  return flushing
}
