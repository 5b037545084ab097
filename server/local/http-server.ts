// The local HTTP backend (docs/DESIGN.md#storage-and-the-two-backends): /healthz, /api/dev/login, POST /api/<action>, and the H5 build as static
// files, on one origin.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { createHash } from 'node:crypto'
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, isActionName } from '../../src/core/contracts'
import { AppError, toErrorEnvelope } from '../../src/core/errors'
import { s } from '../../src/core/schema'
import type { App } from '../app'
import type { DevTokens } from './dev-tokens'
import type { LocalFiles } from '../adapters/local-files/local-files'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** A body larger than this is not even drained: the connection is closed. */
const DRAIN_LIMIT = 16 * 1024 * 1024

const loginBody = s.obj({ openid: s.id('openid') })

/** The loopback names the backend answers to; ALLOWED_HOSTS adds more. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

/** ALLOWED_HOSTS (comma separated host names, without port) plus the loopback names, lower-cased. */
export function allowedHosts(value: string | undefined): Set<string> {
  const extra = (value ?? '')
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x !== '')
  return new Set([...LOOPBACK_HOSTS, ...extra])
}

/**
 * Whether a Host header names this server. A page on another domain that resolves to 127.0.0.1 (DNS rebinding)
 * sends its own name here, so the name decides, not the address the request reached.
 */
export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!header) return false
  const m = /^(\[[0-9a-f:.]+\]|[^\s:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim())
  return !!m && allowed.has(m[1].toLowerCase())
}

/**
 * The H5 app: its own scripts, plus the inline scripts of its index.html by their hashes (Taro's build inlines the
 * one that sizes the root font); styles inline too (Taro sets style attributes and injects <style> tags); QR codes
 * as data: URLs, photos from /files and blob: for a photo just chosen. No eval, no other inline script.
 */
export function pageCsp(inlineScriptHashes: readonly string[] = []): string {
  const scripts = ["'self'", "'unsafe-hashes'", `'sha256-${NOOP_URL_HASH}'`, ...inlineScriptHashes.map((h) => `'sha256-${h}'`)].join(' ')
  return PAGE_CSP.replace("script-src 'self'", `script-src ${scripts}`)
}

/**
 * Taro's H5 tab bar renders its items as <a href="javascript:;">: a click would be a blocked (and reported)
 * javascript: navigation. 'unsafe-hashes' with the hash of exactly that no-op lets it run, and nothing else.
 */
const NOOP_URL_HASH = createHash('sha256').update('javascript:;').digest('base64')

/** The sha256 (base64) of each inline <script> in an HTML page, as a CSP hash source names it. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue
    out.push(createHash('sha256').update(m[2], 'utf8').digest('base64'))
  }
  return out
}

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // blob: and data: are the photo just chosen or compressed, read back before it is uploaded.
  "connect-src 'self' blob: data:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')
/** Answers that are data, never a document to render. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'"

function send(res: http.ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(body)
}

function sendError(res: http.ServerResponse, err: AppError) {
  send(res, err.status, toErrorEnvelope(err))
}

/** Reads the body; too large → 413 after draining (so the client sees the answer, not a reset). */
function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ tooLarge: boolean; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > DRAIN_LIMIT) {
        req.destroy()
        return
      }
      if (size > limit) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve({ tooLarge, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks) }))
    req.on('error', reject)
  })
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('VALIDATION', '请求体不是有效的 JSON')
  }
}

function bearer(req: http.IncomingMessage): string | undefined {
  const h = req.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m ? m[1] : undefined
}

function serveStatic(staticDir: string | undefined, req: http.IncomingMessage, res: http.ServerResponse) {
  if (!staticDir || !fs.existsSync(path.join(staticDir, 'index.html'))) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('H5 页面尚未构建：请运行 npm run build:h5（npm start 会自动构建）')
    return
  }
  const url = new URL(req.url ?? '/', 'http://local')
  let rel: string
  try {
    rel = decodeURIComponent(url.pathname)
  } catch {
    rel = '/'
  }
  const root = path.resolve(staticDir)
  let file = path.resolve(root, `.${rel}`)
  if (!file.startsWith(root + path.sep) && file !== root) file = path.join(root, 'index.html')
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html')
  const ext = path.extname(file)
  const immutable = /\.[0-9a-f]{8,}\./.test(path.basename(file))
  res.writeHead(200, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  })
  if (req.method === 'HEAD') res.end()
  else fs.createReadStream(file).pipe(res)
}

export interface HttpOptions {
  app: App
  tokens: DevTokens
  staticDir?: string
  /** Host names besides the loopback ones that requests may name (ALLOWED_HOSTS). */
  allowedHosts?: Iterable<string>
  /** Photo uploads (`POST /files`) and signed downloads (`GET /files/<id>?e=&s=`) for claims. */
  files?: LocalFiles
}

/** The caller's openid from the Bearer token, or the error to answer. */
function signedIn(req: http.IncomingMessage, tokens: DevTokens): string | AppError {
  const c = tokens.check(bearer(req))
  if (c.ok) return c.openid
  if (c.reason === 'missing') return new AppError('UNAUTHENTICATED', '请先登录')
  if (c.reason === 'expired') return new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
  return new AppError('UNAUTHENTICATED', '登录凭证无效，请重新登录')
}

/** `POST /files`: the raw bytes of one photo, for a signed-in user → `{ fileId }`; the type is read from the bytes. */
async function uploadFile(req: http.IncomingMessage, res: http.ServerResponse, tokens: DevTokens, files: LocalFiles) {
  const openid = signedIn(req, tokens)
  if (typeof openid !== 'string') {
    req.resume()
    return sendError(res, openid)
  }
  const { tooLarge, bytes } = await readBody(req, MAX_UPLOAD_BYTES)
  if (tooLarge) return sendError(res, new AppError('PAYLOAD_TOO_LARGE', `照片过大（上限 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB），请压缩后再上传`))
  const saved = await files.save(openid, bytes)
  return send(res, 200, { ok: true, data: saved })
}

/** `GET /files/<id>?e=&s=`: a photo or an export behind a signed, expiring URL (an <Image> or a download link cannot send the token). */
async function downloadFile(url: URL, res: http.ServerResponse, files: LocalFiles) {
  const found = await files.open(url.pathname.slice('/files/'.length), url.searchParams.get('e'), url.searchParams.get('s'))
  if (!found) return sendError(res, new AppError('NOT_FOUND', '文件不存在或链接已过期'))
  const size = fs.statSync(found.file).size
  res.writeHead(200, {
    'Content-Type': found.mime,
    'Content-Length': size,
    // An export downloads under its own name (RFC 6266: an ASCII fallback, the real name UTF-8 encoded).
    ...(found.name ? { 'Content-Disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(found.name)}` } : {}),
    'Cache-Control': 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': DATA_CSP,
  })
  fs.createReadStream(found.file).pipe(res)
}

export function createHttpServer({ app, tokens, staticDir, files, allowedHosts: extraHosts }: HttpOptions): http.Server {
  const hosts = allowedHosts([...(extraHosts ?? [])].join(','))
  // The page policy follows the build being served: recomputed when index.html changes (npm start builds it).
  let cached = { mtimeMs: -1, csp: pageCsp() }
  const currentPageCsp = (): string => {
    const index = staticDir ? path.join(staticDir, 'index.html') : ''
    const mtimeMs = index && fs.existsSync(index) ? fs.statSync(index).mtimeMs : -1
    if (mtimeMs !== cached.mtimeMs) cached = { mtimeMs, csp: pageCsp(mtimeMs === -1 ? [] : inlineScriptHashes(fs.readFileSync(index, 'utf8'))) }
    return cached.csp
  }
  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local')
      const page =
        !url.pathname.startsWith('/api/') && url.pathname !== '/files' && !url.pathname.startsWith('/files/') && url.pathname !== '/healthz'
      // No other site may frame any of it (clickjacking a secretary's approve button).
      res.setHeader('X-Frame-Options', 'DENY')
      res.setHeader('Content-Security-Policy', page ? currentPageCsp() : DATA_CSP)
      if (!hostAllowed(req.headers.host, hosts)) {
        req.resume()
        const message = '请求的主机名（Host）不被本服务接受：请通过 http://127.0.0.1 或 http://localhost 访问，其他名称需列入 ALLOWED_HOSTS'
        if (!page) return sendError(res, new AppError('FORBIDDEN', message))
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
        return res.end(message)
      }
      if (url.pathname === '/healthz') return send(res, 200, { ok: true })
      if (files && url.pathname === '/files' && req.method === 'POST') return await uploadFile(req, res, tokens, files)
      if (files && url.pathname.startsWith('/files/') && req.method === 'GET') return await downloadFile(url, res, files)
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, new AppError('NOT_FOUND', '页面不存在'))
        return serveStatic(staticDir, req, res)
      }
      if (req.method !== 'POST') {
        req.resume()
        return sendError(res, new AppError('NOT_FOUND', '接口只接受 POST 请求'))
      }
      const { tooLarge, bytes } = await readBody(req)
      const text = bytes.toString('utf8')
      if (tooLarge) return sendError(res, new AppError('PAYLOAD_TOO_LARGE', `请求体过大（上限 ${MAX_BODY_BYTES / 1024} KB）`))
      const action = url.pathname.slice('/api/'.length)
      if (action === 'dev/login') {
        const body = loginBody.parse(parseJson(text), '')
        return send(res, 200, { ok: true, data: { token: tokens.issue(body.openid) } })
      }
      if (!isActionName(action)) return sendError(res, new AppError('NOT_FOUND', `没有这个操作：${action.slice(0, 60)}`))
      const openid = signedIn(req, tokens)
      if (typeof openid !== 'string') return sendError(res, openid)
      const body = parseJson(text)
      const outcome = await app.handle(action, body, openid)
      return send(res, outcome.status, outcome.envelope)
    } catch (err) {
      if (err instanceof AppError) return sendError(res, err)
      console.error('[http]', err)
      if (!res.headersSent) send(res, 500, toErrorEnvelope(err))
      else res.end()
    }
  })
}
