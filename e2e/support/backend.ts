// Starts the real bundled local backend (dist/server/main.js) in a child process, serving the H5 build in dist/h5
// and the API on one origin, with SQLite in a fresh temp dir (seeded with the demo data on first start).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..', '..')
export const H5_DIR = path.join(ROOT, 'dist', 'h5')

export interface Backend {
  url: string
  dataDir: string
  /** Everything the backend printed, for failure messages. */
  log(): string
  /** Stops the backend and starts it again on the same port and data, with these extra environment variables. */
  restart(env: Record<string, string>): Promise<void>
  stop(): Promise<void>
}

export function assertH5Built(): void {
  const index = path.join(H5_DIR, 'index.html')
  if (!fs.existsSync(index)) {
    throw new Error(
      `The H5 build is missing: ${index} does not exist.\n` +
        'Build it first:  NODE_ENV=production npx taro build --type h5   (npm test does this before the e2e run)',
    )
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Running {
  child: ChildProcess
  exited: () => number | null
}

/** Spawns the bundled backend on `port` with `dataDir` and waits until /healthz answers. */
async function spawnBackend(port: number, dataDir: string, env: Record<string, string>, out: { text: string }): Promise<Running> {
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist', 'server', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: H5_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (out.text += d))
  child.stderr?.on('data', (d) => (out.text += d))
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? -1))

  const deadline = Date.now() + 20_000
  for (;;) {
    if (exited !== null) throw new Error(`backend exited with ${exited} before it was healthy:\n${out.text}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok && (await res.json()).ok === true) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`backend not healthy on ${url} within 20 s:\n${out.text}`)
    }
    await sleep(100)
  }
  return { child, exited: () => exited }
}

async function stopProcess(run: Running): Promise<void> {
  if (run.exited() !== null) return
  let timer: NodeJS.Timeout | undefined
  const done = new Promise<void>((r) => run.child.once('exit', () => r()))
  run.child.kill('SIGTERM')
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, 5000)))])
  clearTimeout(timer)
  if (run.exited() === null) run.child.kill('SIGKILL')
}

export async function startBackend(): Promise<Backend> {
  assertH5Built()
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'pipe' })
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dual-score-e2e-'))
  const out = { text: '' }
  let run = await spawnBackend(port, dataDir, {}, out)
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    log: () => out.text,
    async restart(env) {
      await stopProcess(run)
      run = await spawnBackend(port, dataDir, env, out)
    },
    async stop() {
      await stopProcess(run)
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** POST /api/<action> as a user holding `token`; answers the envelope's data or throws with the error. */
export async function api<T = any>(url: string, token: string, action: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${url}/api/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!json.ok) throw new Error(`${action} → ${res.status} ${JSON.stringify(json.error)}`)
  return json.data as T
}

/** A token for `openid` from the local dev-login (the H5 stand-in for WeChat identity). */
export async function devLogin(url: string, openid: string): Promise<string> {
  const res = await fetch(`${url}/api/dev/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const json = await res.json()
  if (!json.ok) throw new Error(`dev login for ${openid} → ${res.status} ${JSON.stringify(json.error)}`)
  return json.data.token as string
}
