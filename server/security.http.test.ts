// What a black-box probe of the local backend found, over real HTTP: requests naming another host (DNS rebinding),
// framing by other sites, rate limiting under a burst, invisible characters in names, dev logins that never expired.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createActivity, startTestServer, ok, type TestServer } from './testing/harness'
import { issueCode, SLOT_MS } from '../src/core/rotating-code'
import { MINUTE } from '../src/core/time'
import { DEV_TOKEN_LIFETIME_MS, tokenLifetime } from './local/dev-tokens'
import { allowedHosts, hostAllowed } from './local/http-server'

jest.setTimeout(60_000)

interface RawReply {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

/** One request with exactly these headers (fetch would put its own Host on it). */
function request(
  url: string,
  opts: { method?: string; path: string; host?: string; body?: string; headers?: Record<string, string> },
): Promise<RawReply> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.host !== undefined) headers.Host = opts.host
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers, setHost: opts.host === undefined, agent: false },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** An HTTP/1.0 request without any Host header, written on the socket by hand. */
function requestWithoutHost(url: string, pathname: string): Promise<string> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`GET ${pathname} HTTP/1.0\r\n\r\n`))
    let text = ''
    socket.on('data', (d) => (text += d))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

/** Like the root-font script Taro's H5 build inlines into index.html. */
const INLINE = 'document.documentElement.style.fontSize="20px"'

let srv: TestServer
let staticDir: string
beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dual-score-h5-'))
  fs.writeFileSync(
    path.join(staticDir, 'index.html'),
    `<!doctype html><title>双积分</title><script>${INLINE}</script><script defer src="/js/app.js"></script>`,
  )
  srv = await startTestServer({ allowedHosts: ['dsj.example'], staticDir })
})
afterAll(async () => {
  await srv.close()
  fs.rmSync(staticDir, { recursive: true, force: true })
})

describe('DNS rebinding: only requests naming this server are answered', () => {
  const port = () => new URL(srv.url).port
  it('refuses dev login, the API, uploads, photos, health and pages for another host name', async () => {
    const login = await request(srv.url, {
      method: 'POST',
      path: '/api/dev/login',
      host: `attacker.example:${port()}`,
      body: '{"openid":"demo-county"}',
    })
    expect(login.status).toBe(403)
    const body = JSON.parse(login.text)
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(body.error.message).toMatch(/主机名/)
    expect(login.text).not.toMatch(/token/)
    const token = await srv.tokenFor('demo-member-1')
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
    for (const [method, pathname] of [
      ['POST', '/api/me.get'],
      ['POST', '/files'],
      ['GET', '/files/F1?e=1&s=x'],
      ['GET', '/healthz'],
    ]) {
      const r = await request(srv.url, { method, path: pathname, host: `attacker.example:${port()}`, headers: auth, body: '{}' })
      expect([pathname, r.status, JSON.parse(r.text).error.code]).toEqual([pathname, 403, 'FORBIDDEN'])
    }
    const page = await request(srv.url, { path: '/', host: `attacker.example:${port()}` })
    expect(page.status).toBe(403)
    expect(page.headers['content-type']).toMatch(/^text\/plain/)
    expect(page.text).not.toMatch(/双积分<\/title>/)
  })
  it('refuses names that merely start or end like a loopback name, and a missing Host', async () => {
    for (const host of [
      '127.0.0.1.attacker.example',
      'localhost.attacker.example',
      'attacker-localhost',
      'localhost.',
      '0.0.0.0',
      '127.0.0.2',
      `x@127.0.0.1:${port()}`,
      '',
      '[::2]',
    ]) {
      const r = await request(srv.url, { path: '/healthz', host })
      expect([host, r.status]).toEqual([host, 403])
    }
    const raw = await requestWithoutHost(srv.url, '/healthz')
    expect(raw).toMatch(/^HTTP\/1\.[01] (403|400)/)
    expect(raw).not.toMatch(/"ok":true/)
  })
  it('answers the loopback names, with or without the port, and names listed in ALLOWED_HOSTS', async () => {
    for (const host of [
      `127.0.0.1:${port()}`,
      '127.0.0.1',
      `localhost:${port()}`,
      'LOCALHOST',
      `[::1]:${port()}`,
      '[::1]',
      `dsj.example:${port()}`,
    ]) {
      const r = await request(srv.url, { path: '/healthz', host })
      expect([host, r.status, r.text]).toEqual([host, 200, '{"ok":true}'])
    }
    const login = await request(srv.url, { method: 'POST', path: '/api/dev/login', host: `localhost:${port()}`, body: '{"openid":"demo-member-2"}' })
    expect(JSON.parse(login.text).data.token).toEqual(expect.any(String))
  })
  it('reads ALLOWED_HOSTS as a comma-separated list of names', () => {
    const hosts = allowedHosts(' Party.Example ,, lan-box ')
    expect([...hosts]).toEqual(['127.0.0.1', 'localhost', '[::1]', 'party.example', 'lan-box'])
    expect(hostAllowed('party.example:8080', hosts)).toBe(true)
    expect(hostAllowed('lan-box', hosts)).toBe(true)
    expect(hostAllowed('evil.example', hosts)).toBe(false)
    expect(hostAllowed(undefined, hosts)).toBe(false)
    expect(hostAllowed('localhost:80:80', hosts)).toBe(false)
  })
})

describe('no other site may frame any answer', () => {
  it('sends X-Frame-Options DENY and a CSP with frame-ancestors none on pages, API answers, errors and health', async () => {
    const port = new URL(srv.url).port
    const host = `127.0.0.1:${port}`
    const answers = [
      await request(srv.url, { path: '/', host }),
      await request(srv.url, { path: '/pages/index/index', host }),
      await request(srv.url, { path: '/healthz', host }),
      await request(srv.url, { method: 'POST', path: '/api/me.get', host }),
      await request(srv.url, { method: 'POST', path: '/api/dev/login', host, body: '{"openid":"demo-member-3"}' }),
      await request(srv.url, { path: '/files/nothing', host }),
      await request(srv.url, { path: '/', host: 'attacker.example' }),
    ]
    for (const r of answers) {
      expect(r.headers['x-frame-options']).toBe('DENY')
      expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    }
    // The page may run only its own scripts: its files, and the inline script of its index.html by hash.
    expect(answers[0].status).toBe(200)
    const hash = createHash('sha256').update(INLINE).digest('base64')
    const noop = createHash('sha256').update('javascript:;').digest('base64')
    expect(answers[0].headers['content-security-policy']).toContain(`script-src 'self' 'unsafe-hashes' 'sha256-${noop}' 'sha256-${hash}';`)
    expect(answers[0].headers['content-security-policy']).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
    expect(answers[2].headers['content-security-policy']).toMatch(/default-src 'none'/)
  })
})

describe('check-in rate limit holds under a burst (the count and the check are one step)', () => {
  /** Six-digit codes that are neither the activity's code now nor any it showed in the last 15 minutes. */
  const wrongCodes = (activityId: string, n: number): string[] => {
    const recent = new Set<string>()
    for (let k = 0; k <= 30; k++) recent.add(issueCode(srv.deps.hmac, activityId, srv.clock.t - k * SLOT_MS).shortCode)
    const out: string[] = []
    for (let c = 100000; out.length < n; c += 7919) if (!recent.has(String(c))) out.push(String(c))
    return out
  }
  /** All at once: the login happens first, so the burst is not spread out by 100 logins. */
  const burst = async (openid: string, activityId: string, codes: string[]) => {
    await srv.tokenFor(openid)
    return Promise.all(codes.map((shortCode) => srv.call(openid, 'activity.checkin', { activityId, shortCode })))
  }
  const tally = (replies: { status: number; body: { error?: { code: string } } }[]) => {
    const by: Record<string, number> = {}
    for (const r of replies) {
      const key = r.status === 200 ? 'OK' : (r.body.error?.code ?? String(r.status))
      by[key] = (by[key] ?? 0) + 1
    }
    return by
  }

  it('judges at most 10 of 100 simultaneous wrong codes from one member; the rest are 429', async () => {
    const { id } = await createActivity(srv)
    const counts = tally(await burst('demo-member-1', id, wrongCodes(id, 100)))
    expect(counts).toEqual({ CODE_INVALID: 10, RATE_LIMITED: 90 })
    // The member is blocked now, even with the right code.
    const right = await srv.call('demo-member-1', 'activity.checkin', { activityId: id, shortCode: srv.codeFor(id).shortCode })
    expect(right.status).toBe(429)
  })

  it('holds for 8 members bursting in parallel, each on their own count', async () => {
    const { id } = await createActivity(srv)
    const members = [2, 3, 4, 5, 6, 7, 8, 9].map((n) => `demo-member-${n}`)
    for (const m of members) await srv.tokenFor(m)
    const replies = await Promise.all(members.map((m) => burst(m, id, wrongCodes(id, 100))))
    for (const r of replies) expect(tally(r)).toEqual({ CODE_INVALID: 10, RATE_LIMITED: 90 })
  })

  it('a right code in a burst is accepted only while fewer than 10 have failed', async () => {
    srv.clock.advance(11 * MINUTE)
    const { id } = await createActivity(srv)
    const codes = wrongCodes(id, 99)
    codes.splice(80, 0, srv.codeFor(id).shortCode)
    const replies = await burst('demo-member-1', id, codes)
    const counts = tally(replies)
    expect(counts.CODE_INVALID).toBe(10)
    expect((counts.OK ?? 0) + counts.CODE_INVALID + counts.RATE_LIMITED).toBe(100)
    expect((await srv.deps.store.get('rateLimits', 'D001'))?.blockedUntil).toBeGreaterThan(srv.clock.t)
  })

  it('accepts the right code after 3 wrong ones, and counts only the failures', async () => {
    srv.clock.advance(11 * MINUTE)
    const { id } = await createActivity(srv)
    const wrong = wrongCodes(id, 3)
    for (const shortCode of wrong)
      expect((await srv.call('demo-member-2', 'activity.checkin', { activityId: id, shortCode })).body.error?.code).toBe('CODE_INVALID')
    const r = ok(await srv.call('demo-member-2', 'activity.checkin', { activityId: id, shortCode: srv.codeFor(id).shortCode }))
    expect(r).toMatchObject({ status: 'pending', repeated: false })
    expect((await srv.deps.store.get('rateLimits', 'D002'))?.failures).toHaveLength(3)
  })

  it('after 10 failures the 11th attempt is refused and blocks for 10 minutes, right code or not', async () => {
    srv.clock.advance(11 * MINUTE)
    const { id } = await createActivity(srv)
    for (const shortCode of wrongCodes(id, 10))
      expect((await srv.call('demo-member-3', 'activity.checkin', { activityId: id, shortCode })).status).toBe(409)
    const eleventh = await srv.call('demo-member-3', 'activity.checkin', { activityId: id, shortCode: srv.codeFor(id).shortCode })
    expect(eleventh.status).toBe(429)
    expect(eleventh.body.error?.message).toMatch(/10 分钟/)
    srv.clock.advance(9 * MINUTE)
    const later = await createActivity(srv)
    expect((await srv.call('demo-member-3', 'activity.checkin', { code: srv.codeFor(later.id).qr })).status).toBe(429)
    srv.clock.advance(MINUTE + 1000)
    expect(ok(await srv.call('demo-member-3', 'activity.checkin', { code: srv.codeFor(later.id).qr })).status).toBe('pending')
  })
})

describe('names refuse invisible and direction-changing characters', () => {
  it('member.register with a right-to-left override in the name: 400 naming 姓名, nothing stored', async () => {
    const before = await srv.deps.store.count('members', {})
    for (const name of ['王\u202e芳', '王\u200b芳', '\u2066王芳\u2069', '王芳\ufeff', '王\ud800芳']) {
      const r = await srv.call('new-user-bidi', 'member.register', { name, phone: '13911113333', unitBranchId: 'UB1', estateBranchId: 'E1' })
      expect(r.status).toBe(400)
      expect(r.body.error).toMatchObject({ code: 'VALIDATION', message: '姓名（name）含有不允许的字符', details: { field: 'name' } })
    }
    expect(await srv.deps.store.count('members', {})).toBe(before)
    expect(await srv.deps.store.get('bindings', 'new-user-bidi')).toBeNull()
  })
})

describe('dev login tokens expire', () => {
  it('accepts a token for 30 days, then answers 401 UNAUTHENTICATED asking to sign in again', async () => {
    const t = await startTestServer({ seed: false })
    try {
      const token = await t.tokenFor('someone-new')
      const me = () => t.raw('/api/me.get', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' })
      expect(ok(await me()).openid).toBe('someone-new')
      t.clock.advance(DEV_TOKEN_LIFETIME_MS - MINUTE)
      expect(ok(await me()).openid).toBe('someone-new')
      t.clock.advance(MINUTE)
      const expired = await me()
      expect(expired.status).toBe(401)
      expect(expired.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
      // Uploads too.
      const up = await t.raw('/files', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: 'x' })
      expect(up.status).toBe(401)
      // A fresh login works again.
      const fresh = await t.tokenFor('someone-new')
      expect(fresh).not.toBe(token)
      expect(ok(await t.call('someone-new', 'me.get')).openid).toBe('someone-new')
    } finally {
      await t.close()
    }
  })
  it('refuses a token whose expiry was changed, and the old tokens without one', async () => {
    const token = await srv.tokenFor('demo-member-4')
    const parts = token.split('.')
    const forged = [parts[0], parts[1], (Number.parseInt(parts[2], 36) + 10 * DEV_TOKEN_LIFETIME_MS).toString(36), parts[3]].join('.')
    const old = `v1.${Buffer.from('demo-member-4').toString('base64url')}.${parts[3]}`
    for (const bad of [forged, old]) {
      const r = await srv.raw('/api/me.get', { method: 'POST', headers: { Authorization: `Bearer ${bad}` }, body: '{}' })
      expect(r.status).toBe(401)
      expect(r.body.error?.message).toBe('登录凭证无效，请重新登录')
    }
  })
  it('reads DEV_TOKEN_DAYS as whole days from 1 to 365', () => {
    expect(tokenLifetime(undefined)).toBe(30 * 86_400_000)
    expect(tokenLifetime(' 7 ')).toBe(7 * 86_400_000)
    for (const bad of ['0', '366', '1.5', 'abc', '-1']) expect(() => tokenLifetime(bad)).toThrow(/DEV_TOKEN_DAYS/)
  })
})
