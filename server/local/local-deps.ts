// Builds the local backend's ports: SQLite in DATA_DIR and the server-only secrets kept beside it.
import fs from 'node:fs'
import path from 'node:path'
import { createHmac, randomBytes } from 'node:crypto'
import { openSqliteStore, type SqliteStore } from '../adapters/sqlite/sqlite-store'
import { systemClock, type Clock } from '../ports/clock.port'
import { renderQrDataUrl } from '../qr-image'
import { createDevTokens, type DevTokens } from './dev-tokens'
import type { Deps } from '../context/deps'
import { createLocalFiles, type LocalFiles } from '../adapters/local-files/local-files'
import type { NotifyPort } from '../ports/notify.port'
import { localTemplateSettings, parseTemplateSettings } from '../services/notify-config'

export interface LocalOptions {
  dataDir: string
  adminOpenids?: string[]
  clock?: Clock
  /** How long a dev login lasts (DEV_TOKEN_DAYS); 30 days unless set. */
  tokenLifetimeMs?: number
  /** Where the local 订阅消息 sink writes a line per delivered message (none unless given). */
  notifyLog?: (line: string) => void
  /** NOTIFY_TEMPLATES (JSON); every template with a placeholder id unless given. */
  notifyTemplates?: string
  /** NOTIFY_QUIET_HOURS=0: the local sink delivers at any hour (demos and browser tests at night). */
  notifyAnyHour?: boolean
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
  const clock = opts.clock ?? systemClock
  const tokens = createDevTokens(secretFile(opts.dataDir, 'dev-token.key'), clock, opts.tokenLifetimeMs)
  const files = createLocalFiles(path.join(opts.dataDir, 'files'), store, secretFile(opts.dataDir, 'file-url.key'), clock)
  const deps: Deps = {
    store,
    clock,
    hmac: (message) => createHmac('sha256', checkinSecret).update(message).digest(),
    adminOpenids: new Set(opts.adminOpenids ?? []),
    renderQr: renderQrDataUrl,
    files,
    bulk: true,
    notify: localNotify(opts),
  }
  return { deps, store, tokens, files }
}

export function parseOpenids(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => /^[A-Za-z0-9_-]{1,64}$/.test(x))
}

/**
 * CLOCK_OFFSET_DAYS: the local backend's clock runs this many whole days ahead (or behind) of the machine's, for
 * demos and browser tests that must see a 公示 end or a year close without waiting. Local only — the cloud has no
 * such setting. Anything but a whole number of days within ±3650 is refused at start.
 */
export function offsetClock(value: string | undefined, base: Clock = systemClock): { clock: Clock; days: number } {
  if (value === undefined || value.trim() === '') return { clock: base, days: 0 }
  if (!/^[+-]?\d{1,4}$/.test(value.trim()) || Math.abs(Number(value)) > 3650) {
    throw new Error(`CLOCK_OFFSET_DAYS 必须是 -3650 到 3650 之间的整数天数（现为 ${JSON.stringify(value).slice(0, 40)}）`)
  }
  const days = Number(value)
  const ms = days * 86_400_000
  return { clock: { now: () => base.now() + ms }, days }
}

/**
 * The local 订阅消息 sink (docs/DESIGN.md#reminders): the outbox record is the delivery (我的消息 and 消息记录 read
 * it), optionally logged. Credits, quiet hours and retries are the same as in the cloud.
 */
export function localNotify(opts: Pick<LocalOptions, 'notifyLog' | 'notifyTemplates' | 'notifyAnyHour'>): NotifyPort {
  return {
    channel: 'local',
    anyHour: opts.notifyAnyHour === true,
    templates: opts.notifyTemplates ? parseTemplateSettings(opts.notifyTemplates) : localTemplateSettings(),
    async send(m) {
      opts.notifyLog?.(
        `[订阅消息] → ${m.touser} ${m.templateId} ${Object.values(m.data)
          .map((d) => d.value)
          .join(' | ')}`,
      )
      return { ok: true }
    },
  }
}
