// Builds the local backend's ports: SQLite in DATA_DIR and the server-only secrets kept beside it.
import fs from 'fs'
import path from 'path'
import { createHmac, randomBytes } from 'crypto'
import { openSqliteStore, type SqliteStore } from '../adapters/sqlite/sqlite-store'
import { systemClock, type Clock } from '../ports/clock.port'
import { renderQrDataUrl } from '../qr-image'
import { createDevTokens, type DevTokens } from './dev-tokens'
import type { Deps } from '../context'
import { createLocalFiles, type LocalFiles } from '../adapters/local-files/local-files'

export interface LocalOptions {
  dataDir: string
  adminOpenids?: string[]
  clock?: Clock
}

function secretFile(dataDir: string, name: string): Buffer {
  const file = path.join(dataDir, name)
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex')
}

export function createLocalDeps(opts: LocalOptions): { deps: Deps; store: SqliteStore; tokens: DevTokens; files: LocalFiles } {
  fs.mkdirSync(opts.dataDir, { recursive: true })
  const store = openSqliteStore(path.join(opts.dataDir, 'dual-score.db'))
  const checkinSecret = secretFile(opts.dataDir, 'checkin-secret.key')
  const tokens = createDevTokens(secretFile(opts.dataDir, 'dev-token.key'))
  const clock = opts.clock ?? systemClock
  const files = createLocalFiles(path.join(opts.dataDir, 'files'), store, secretFile(opts.dataDir, 'file-url.key'), clock)
  const deps: Deps = {
    store,
    clock,
    hmac: (message) => createHmac('sha256', checkinSecret).update(message).digest(),
    adminOpenids: new Set(opts.adminOpenids ?? []),
    renderQr: renderQrDataUrl,
    files,
  }
  return { deps, store, tokens, files }
}

export function parseOpenids(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => /^[A-Za-z0-9_-]{1,64}$/.test(x))
}
