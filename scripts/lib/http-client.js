// A small JSON client on node's http module (lower overhead than fetch), with keep-alive agents, and the calls
// the scripts make against the local backend: dev login and POST /api/<action>. Loopback only.
const http = require('node:http')

const HOST = '127.0.0.1'

function keepAliveAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, keepAliveMsecs: 1000 })
}

/**
 * One request. Resolves { status, body, ms } (body parsed as JSON when possible); rejects on a network error
 * (e.g. ECONNRESET when the backend is killed) or after `timeoutMs`. With `retryStale`, a request that failed
 * on a reused keep-alive socket the server had just closed as idle is sent once more (it never reached the
 * server); the load never sets it, so a request cut by a kill counts as failed.
 */
function request(opts) {
  if (!opts.retryStale) return once(opts)
  return once(opts).catch((e) => {
    if (e.reusedSocket && (e.code === 'ECONNRESET' || e.message === 'socket hang up')) return once(opts)
    throw e
  })
}

function once({ port, method = 'POST', path, body, token, agent, timeoutMs = 30000 }) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    const headers = {}
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json'
      headers['Content-Length'] = Buffer.byteLength(payload)
    }
    if (token) headers.Authorization = `Bearer ${token}`
    const t0 = process.hrtime.bigint()
    const req = http.request({ host: HOST, port, method, path, headers, agent: agent ?? false }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed = text
        try {
          parsed = text ? JSON.parse(text) : {}
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode, body: parsed, ms })
      })
    })
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)))
    req.on('error', (e) => {
      e.reusedSocket = req.reusedSocket
      reject(e)
    })
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/** A client bound to one backend: `login(openid)` (cached) and `call(openid, action, body)`. */
function client(port, { agent } = {}) {
  const tokens = new Map()
  const ag = agent ?? keepAliveAgent(16)
  const login = async (openid) => {
    const cached = tokens.get(openid)
    if (cached) return cached
    const r = await request({ port, path: '/api/dev/login', body: { openid }, agent: ag, retryStale: true })
    if (r.status !== 200 || !r.body.ok) throw new Error(`dev login ${openid} failed: ${r.status} ${JSON.stringify(r.body)}`)
    tokens.set(openid, r.body.data.token)
    return r.body.data.token
  }
  const call = async (openid, action, body = {}) => {
    const token = await login(openid)
    return request({ port, path: `/api/${action}`, body, token, agent: ag, retryStale: true })
  }
  /** Like call, but throws unless the envelope is ok; returns data. */
  const ok = async (openid, action, body = {}) => {
    const r = await call(openid, action, body)
    if (r.status !== 200 || !r.body || !r.body.ok) throw new Error(`${action} as ${openid}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`)
    return r.body.data
  }
  return { port, agent: ag, login, call, ok, close: () => ag.destroy() }
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

module.exports = { request, keepAliveAgent, client, mapLimit }
