// Shared by the benchmark and the crash test: builds the bundled local backend, starts it on a free loopback
// port with its own DATA_DIR, waits for /healthz, and stops or SIGKILLs it. Only 127.0.0.1 is ever used.
const fs = require('node:fs')
const os = require('node:os')
const net = require('node:net')
const path = require('node:path')
const { spawn, execFileSync } = require('node:child_process')
const { request } = require('./http-client')

const root = path.resolve(__dirname, '..', '..')
// DUAL_SCORE_SERVER_MAIN runs the scripts against another bundle (e.g. an experimental build, or a deliberately
// broken one to see the crash test fail); it is then used as is, not rebuilt.
const MAIN = process.env.DUAL_SCORE_SERVER_MAIN ? path.resolve(process.env.DUAL_SCORE_SERVER_MAIN) : path.join(root, 'dist', 'server', 'main.js')
const HOST = '127.0.0.1'

/** `node scripts/build-server.js` → dist/server/main.js (the real bundle `npm start` runs). */
function buildServer() {
  if (process.env.DUAL_SCORE_SERVER_MAIN) {
    if (!fs.existsSync(MAIN)) throw new Error(`DUAL_SCORE_SERVER_MAIN=${MAIN} does not exist`)
    return MAIN
  }
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.js')], { cwd: root, stdio: 'pipe' })
  if (!fs.existsSync(MAIN)) throw new Error(`build did not produce ${MAIN}`)
  return MAIN
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, HOST, () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Every backend this process started, so an unexpected exit never leaves one running. */
const running = new Set()
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL')
    } catch {
      /* already gone */
    }
  }
})

/**
 * Starts `node dist/server/main.js` with PORT, HOST=127.0.0.1 and DATA_DIR, and resolves once /healthz answers
 * 200. `nodeArgs` go before the script (e.g. --cpu-prof).
 */
async function startBackend(opts = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts)
    } catch (e) {
      // A free port found by freePort() can be taken by another process before the backend binds it.
      if (opts.port !== undefined || attempt >= 3 || !/EADDRINUSE/.test(e.message)) throw e
    }
  }
}

async function startOnce({ dataDir, port, env = {}, nodeArgs = [], readyTimeoutMs = 20000 }) {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run node scripts/build-server.js first`)
  const usePort = port ?? (await freePort())
  const log = []
  // The caller's SEED / ADMIN_OPENIDS do not leak in: the scripts rely on the demo seed and its demo-admin.
  const { SEED, ADMIN_OPENIDS, ...inherited } = process.env
  void SEED
  void ADMIN_OPENIDS
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: root,
    env: {
      ...inherited,
      ...env,
      PORT: String(usePort),
      HOST,
      DATA_DIR: dataDir,
      STATIC_DIR: path.join(dataDir, 'no-h5'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  // Ready means: this child says it listens on this port (main.ts logs its URL), and /healthz answers there.
  // The log line matters: /healthz alone could be answered by another process that holds the port.
  const marker = `http://${HOST}:${usePort}`
  let listening = false
  const keep = (chunk) => {
    log.push(chunk.toString())
    if (log.length > 200) log.splice(0, log.length - 200)
  }
  child.stdout.on('data', (chunk) => {
    keep(chunk)
    if (!listening && log.join('').includes(marker)) listening = true
  })
  child.stderr.on('data', keep)
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child)
      resolve({ code, signal })
    }),
  )
  let exitInfo = null
  exited.then((x) => (exitInfo = x))

  const url = `http://${HOST}:${usePort}`
  const t0 = Date.now()
  for (;;) {
    if (exitInfo) throw new Error(`backend exited during start (${JSON.stringify(exitInfo)}):\n${log.join('')}`)
    if (listening) {
      try {
        const r = await request({ port: usePort, method: 'GET', path: '/healthz', timeoutMs: 1000 })
        if (r.status === 200 && r.body && r.body.ok === true) break
      } catch {
        /* not answering yet */
      }
    }
    if (Date.now() - t0 > readyTimeoutMs) {
      child.kill('SIGKILL')
      throw new Error(`backend did not answer /healthz within ${readyTimeoutMs} ms:\n${log.join('')}`)
    }
    await sleep(25)
  }
  return {
    pid: child.pid,
    port: usePort,
    url,
    dataDir,
    startMs: Date.now() - t0,
    logs: () => log.join(''),
    exited,
    alive: () => exitInfo === null,
    /** SIGKILL: no shutdown handler runs, nothing is flushed by the process. */
    kill() {
      if (exitInfo === null) child.kill('SIGKILL')
      return exited
    },
    /** SIGTERM (the graceful path: server.close, store.close), SIGKILL after `graceMs`. */
    async stop(graceMs = 5000) {
      if (exitInfo !== null) return exitInfo
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const x = await exited
      clearTimeout(t)
      return x
    },
  }
}

/** Shanghai-offset ISO 8601, as the API expects. */
function isoShanghai(ms) {
  const d = new Date(ms + 8 * 3600 * 1000)
  return `${d.toISOString().slice(0, 19)}+08:00`
}

module.exports = { root, MAIN, HOST, buildServer, freePort, tempDir, startBackend, isoShanghai, sleep }
