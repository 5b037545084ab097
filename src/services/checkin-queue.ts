// Weak network (docs/DESIGN.md#check-in-layers): a check-in whose call never got an answer is kept on the device and retried with
// `queued: true` — when the app comes back to the foreground, when the network returns, and every 15 s while
// something waits. The server judges it by the code's time slot (a typed 6-digit code by the slot of the
// `scannedAt` recorded here when it was queued) and accepts it until the check-out deadline.
// What the server later answers (or why a call was given up) is kept as a result the member can read.
import Taro from '@tarojs/taro'
import type { CheckinResult } from '@/core/api-types'
import { callAction, type RequestOf } from './api'
import { isNetworkError, toActionError } from './errors'
import { showInfo } from './feedback'
import { platform } from './platform'

export type CodeKind = 'activity.checkin' | 'activity.checkout'
export type CodeBody = RequestOf<'activity.checkin'>

export interface QueuedCall {
  kind: CodeKind
  body: CodeBody
  /** When it was queued (ms). */
  at: number
  /** When the code was scanned/typed (ms), sent as `scannedAt` on retry: a queued 6-digit code is checked against that slot. */
  scannedAt?: number
}

/** What became of a queued call: the server's answer, a refusal, or given up after a day without network. */
export type QueueResult =
  | { kind: CodeKind; at: number; answeredAt: number; ok: true; result: CheckinResult }
  | { kind: CodeKind; at: number; answeredAt: number; ok: false; message: string }

export interface QueueState {
  pending: QueuedCall[]
  results: QueueResult[]
}

const KEY = 'dsj.checkinQueue'
const RESULTS_KEY = 'dsj.checkinQueueResults'
const MAX_AGE_MS = 24 * 3600_000
const MAX_RESULTS = 10
export const RETRY_EVERY_MS = 15_000

function read<T>(key: string): T[] {
  try {
    const v = Taro.getStorageSync(key)
    return Array.isArray(v) ? (v as T[]) : []
  } catch {
    return []
  }
}

function write(key: string, list: unknown[]): void {
  try {
    Taro.setStorageSync(key, list)
  } catch {
    // Storage full or unavailable: nothing more we can do on the device.
  }
}

const listeners = new Set<() => void>()
const changed = () => {
  for (const fn of listeners) fn()
}

/** Calls `fn` whenever the queue or its results change; returns the unsubscribe. */
export function subscribeQueue(fn: () => void): () => void {
  listeners.add(fn)
  return () => {
    listeners.delete(fn)
  }
}

export const queueState = (): QueueState => ({ pending: read<QueuedCall>(KEY), results: read<QueueResult>(RESULTS_KEY) })
export const pendingCount = (): number => read(KEY).length

/** The member has read the results. */
export function clearQueueResults(): void {
  write(RESULTS_KEY, [])
  changed()
}

export type SubmitOutcome = { result: CheckinResult; queued: false } | { result: null; queued: true }

/** Sends a check-in/out; on a network failure it is queued and `{ queued: true }` is returned instead. */
export async function submitCode(kind: CodeKind, body: CodeBody): Promise<SubmitOutcome> {
  // Taken before the call: a failing call may take long to time out, and the code was on screen when scanned.
  const scannedAt = Date.now()
  try {
    return { result: await callAction(kind, body), queued: false }
  } catch (err) {
    if (!isNetworkError(err)) throw err
    const all = read<QueuedCall>(KEY)
    // The same scan is stored once, keeping its first scan time (the code was on screen then).
    const earlier = all.find((q) => sameCall(q, { kind, body, at: 0 }))
    const list = all.filter((q) => !sameCall(q, { kind, body, at: 0 }))
    list.push({ kind, body, at: Date.now(), scannedAt: earlier?.scannedAt ?? scannedAt })
    write(KEY, list)
    changed()
    return { result: null, queued: true }
  }
}

const sameCall = (a: QueuedCall, b: QueuedCall) => a.kind === b.kind && JSON.stringify(a.body) === JSON.stringify(b.body)

let flushing: Promise<QueueResult[]> | null = null

/**
 * Retries queued calls. A call the server answered — accepted or refused — leaves the queue and becomes a result;
 * one that meets the network failure again stays; one older than a day is given up, which is also a result.
 */
export function flushCheckinQueue(): Promise<QueueResult[]> {
  if (flushing) return flushing
  flushing = (async () => {
    const snapshot = read<QueuedCall>(KEY)
    if (!snapshot.length) return []
    const answered: QueueResult[] = []
    const keep: QueuedCall[] = []
    for (const q of snapshot) {
      const base = { kind: q.kind, at: q.at }
      if (Date.now() - q.at > MAX_AGE_MS) {
        answered.push({ ...base, answeredAt: Date.now(), ok: false, message: '超过 24 小时仍未联网，这次签到未能提交，请联系书记补录' })
        continue
      }
      try {
        const result = await callAction(q.kind, { ...q.body, queued: true, scannedAt: new Date(q.scannedAt ?? q.at).toISOString() })
        answered.push({ ...base, answeredAt: Date.now(), ok: true, result })
      } catch (err) {
        if (isNetworkError(err)) keep.push(q)
        else answered.push({ ...base, answeredAt: Date.now(), ok: false, message: toActionError(err).message })
      }
    }
    // Calls queued while this flush ran are kept as well.
    const added = read<QueuedCall>(KEY).filter((q) => !snapshot.some((s) => sameCall(s, q)))
    write(KEY, [...keep, ...added])
    if (answered.length) {
      write(RESULTS_KEY, [...answered.reverse(), ...read<QueueResult>(RESULTS_KEY)].slice(0, MAX_RESULTS))
      const accepted = answered.filter((r) => r.ok).length
      showInfo(
        accepted === answered.length ? `已自动提交 ${accepted} 条排队的签到` : `排队的签到有 ${answered.length - accepted} 条未成功，请到签到页查看`,
      )
    }
    changed()
    return answered
  })().finally(() => {
    flushing = null
  })
  return flushing
}

let retrying = false

/** Starts the retries for the app's lifetime: network back, and a timer while something waits. Idempotent. */
export function startQueueRetry(): void {
  if (retrying) return
  retrying = true
  const retry = () => {
    if (pendingCount()) flushCheckinQueue().catch(() => undefined)
  }
  try {
    Taro.onNetworkStatusChange((r) => {
      if (r.isConnected) retry()
    })
  } catch {
    // Not offered on this platform; the timer and the browser's own event below still retry.
  }
  platform.onOnline(retry)
  setInterval(retry, RETRY_EVERY_MS)
}
