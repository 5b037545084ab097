// Starts the real bundled local backend (dist/server/main.js) in a child process, serving the H5 build in dist/h5
// and the API on one origin, with SQLite in a fresh temp dir (seeded with the demo data on first start).
import { execFileSync, spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'

export const ROOT = path.resolve(__dirname, '..', '..')
export const H5_DIR = path.join(ROOT, 'dist', 'h5')

export interface Backend {
  url: string
  dataDir: string
  /** Everything the backend printed, for failure messages. */
  log(): string
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

export async function startBackend(): Promise<Backend> {
  assertH5Built()
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-server.js')], { cwd: ROOT, stdio: 'pipe' })
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dual-score-e2e-'))
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist', 'server', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: H5_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  let exited: number | null = null
  child.on('exit', (code) => (exited = code ?? -1))

  const deadline = Date.now() + 20_000
  for (;;) {
    if (exited !== null) throw new Error(`backend exited with ${exited} before it was healthy:\n${output}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok && (await res.json()).ok === true) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`backend not healthy on ${url} within 20 s:\n${output}`)
    }
    await sleep(100)
  }

  return {
    url,
    dataDir,
    log: () => output,
    async stop() {
      if (exited === null) {
        let timer: NodeJS.Timeout | undefined
        const done = new Promise<void>((r) => child.once('exit', () => r()))
        child.kill('SIGTERM')
        await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, 5000)))])
        clearTimeout(timer)
        if (exited === null) child.kill('SIGKILL')
      }
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
