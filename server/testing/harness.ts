// Starts the real local backend (HTTP + SQLite in a temp dir) with a clock the test controls.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { createApp } from '../app'
import { assertConforms } from './contract-check'
import { createHttpServer } from '../local/http-server'
import { createLocalDeps } from '../local/local-deps'
import { seedDemo } from '../local/seed'
import { issueCode } from '../../src/core/rotating-code'
import { toIsoShanghai, HOUR, MINUTE } from '../../src/core/time'
import type { Deps } from '../context/deps'

export interface Reply {
  status: number
  body: { ok: boolean; data?: any; error?: { code: string; message: string; details?: any } }
}

export class ManualClock {
  constructor(public t: number) {}
  now = () => this.t
  advance(ms: number) {
    this.t += ms
  }
}

export interface TestServer {
  url: string
  clock: ManualClock
  deps: Deps
  dataDir: string
  tokenFor(openid: string): Promise<string>
  call(openid: string | null, action: string, body?: unknown): Promise<Reply>
  raw(pathname: string, init?: RequestInit): Promise<Reply>
  /** The rotating code an estate secretary's screen would show now. */
  codeFor(activityId: string): { qr: string; shortCode: string }
  close(): Promise<void>
}

/** A fixed, realistic "now": 2025-07-01 10:00 Asia/Shanghai (a Tuesday, 七一). */
export const T0 = Date.parse('2025-07-01T10:00:00+08:00')

export async function startTestServer(
  opts: { seed?: boolean; now?: number; adminOpenids?: string[]; allowedHosts?: string[]; staticDir?: string } = {},
): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dual-score-test-'))
  const clock = new ManualClock(opts.now ?? T0)
  const { deps, store, tokens, files } = createLocalDeps({ dataDir, clock, adminOpenids: opts.adminOpenids })
  if (opts.seed !== false) await seedDemo(deps)
  const server = createHttpServer({
    app: createApp(deps, () => undefined),
    tokens,
    files,
    allowedHosts: opts.allowedHosts,
    staticDir: opts.staticDir,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tokenCache = new Map<string, string>()

  const raw = async (pathname: string, init?: RequestInit): Promise<Reply> => {
    const res = await fetch(url + pathname, init)
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : {} }
  }
  const tokenFor = async (openid: string) => {
    const cached = tokenCache.get(openid)
    // A cached login is used until it expires on the test clock, then the test signs in again, as the app would.
    if (cached && tokens.check(cached).ok) return cached
    const r = await raw('/api/dev/login', { method: 'POST', body: JSON.stringify({ openid }) })
    tokenCache.set(openid, r.body.data.token)
    return r.body.data.token as string
  }
  return {
    url,
    clock,
    deps,
    dataDir,
    tokenFor,
    raw,
    async call(openid, action, body = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (openid) headers.Authorization = `Bearer ${await tokenFor(openid)}`
      const reply = await raw(`/api/${action}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })
      assertConforms(action, reply.status, reply.body)
      return reply
    },
    codeFor(activityId) {
      return issueCode(deps.hmac, activityId, clock.t)
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Creates (and publishes) an activity through the API: item V01, starting `startOffset` from the test clock's now
 * (five minutes ago unless told), `hours` long; `opts` adds or overrides fields (title, capacity, requireCheckout…).
 */
export async function createActivity(
  srv: TestServer,
  opts: Record<string, unknown> = {},
  startOffset = -5 * MINUTE,
  hours = 2,
  secretary = 'demo-secretary-e1',
  estate = 'E1',
): Promise<{ id: string; start: number; end: number }> {
  const start = srv.clock.t + startOffset
  const end = start + hours * HOUR
  const body = { estateBranchId: estate, title: '测试志愿服务', itemCode: 'V01', startAt: toIsoShanghai(start), endAt: toIsoShanghai(end), ...opts }
  return { id: ok(await srv.call(secretary, 'activity.create', body)).activityId as string, start, end }
}

/** Asserts an ok envelope and returns its data, with the error in the failure message. */
export function ok(r: Reply): any {
  if (r.status !== 200 || !r.body.ok) throw new Error(`expected ok, got ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.data
}
