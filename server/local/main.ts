// `npm start`: the local backend on http://127.0.0.1:$PORT with SQLite in $DATA_DIR, seeded on first start.
import path from 'node:path'
import { createApp } from '../app'
import { tokenLifetime } from './dev-tokens'
import { createHttpServer, allowedHosts } from './http-server'
import { startJobDriver } from './job-driver'
import { createLocalDeps, offsetClock, parseOpenids } from './local-deps'
import { seedIfEmpty } from './seed'
import { deliverDue } from '../services/notify'

async function main() {
  const port = Number(process.env.PORT ?? 8080)
  const host = process.env.HOST ?? '127.0.0.1'
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  const staticDir = path.resolve(process.env.STATIC_DIR ?? path.join(__dirname, '..', 'h5'))
  const { clock, days } = offsetClock(process.env.CLOCK_OFFSET_DAYS)
  if (days) console.warn(`注意：本地时钟已偏移 ${days > 0 ? '+' : ''}${days} 天（CLOCK_OFFSET_DAYS），仅供演示与测试`)
  const tokenLifetimeMs = tokenLifetime(process.env.DEV_TOKEN_DAYS)
  const { deps, store, tokens, files } = createLocalDeps({
    dataDir,
    clock,
    adminOpenids: parseOpenids(process.env.ADMIN_OPENIDS),
    tokenLifetimeMs,
    notifyLog: (line) => console.log(line),
    notifyTemplates: process.env.NOTIFY_TEMPLATES,
    notifyAnyHour: process.env.NOTIFY_QUIET_HOURS === '0',
  })
  if (process.env.SEED !== '0' && (await seedIfEmpty(deps))) console.log('已写入演示数据（首次启动）')
  // Bound to one other address (HOST), that address is a name the server serves too; a wildcard bind names nothing.
  const bound = /^[A-Za-z0-9.-]+$/.test(host) && host !== '0.0.0.0' ? host : ''
  const hosts = allowedHosts([process.env.ALLOWED_HOSTS ?? '', bound].join(','))
  const server = createHttpServer({ app: createApp(deps), tokens, staticDir, files, allowedHosts: hosts })
  server.keepAliveTimeout = 5000
  // 订阅消息: the local stand-in for the cloud's timer (docs/DESIGN.md#reminders), every NOTIFY_INTERVAL_MS (60 s).
  const notifyEvery = Math.max(1000, Number(process.env.NOTIFY_INTERVAL_MS) || 60_000)
  let delivering = false
  const notifyTimer = setInterval(() => {
    const port = deps.notify
    if (delivering || !port) return
    delivering = true
    deliverDue(deps, port)
      .catch((e) => console.error('[订阅消息]', e))
      .finally(() => {
        delivering = false
      })
  }, notifyEvery)
  notifyTimer.unref()
  server.listen(port, host, () => console.log(`在职党员双积分 本地后端: http://${host}:${port}  数据目录: ${dataDir}`))
  // Jobs nobody drives (the app left the page) are finished here, as the cloud's timer does.
  const driver = startJobDriver(deps)
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    driver.stop()
    clearInterval(notifyTimer)
    server.close(() => store.close().then(() => process.exit(0)))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
