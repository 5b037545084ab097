// The cloud path for tests: the real wx-server-sdk with its network swapped for the local executor, the wx adapters
// for database and storage, the demo seed, and the app the cloud entry runs — one setup for every cloud test.
import { createHmac } from 'node:crypto'
import { createCloudFiles } from '../adapters/wxcloud/cloud-files'
import { createTestCloud, installLocalExecutor, type LocalExecutor } from '../adapters/wxcloud/testing/local-executor'
import { createWxStore } from '../adapters/wxcloud/wx-store'
import { type App, createApp } from '../app'
import type { Deps } from '../context/deps'
import { seedDemo } from '../local/seed'
import { renderQrDataUrl } from '../qr-image'

export interface TestCloud {
  executor: LocalExecutor
  deps: Deps
  app: App
}

/** Installs the executor (uninstall it in afterAll), seeds the demo county through the wx adapter. */
export async function startTestCloud(opts: { secret: string; now: () => number; adminOpenids?: string[] }): Promise<TestCloud> {
  const executor = installLocalExecutor()
  const { cloud, db } = createTestCloud()
  const deps: Deps = {
    store: createWxStore(db),
    clock: { now: opts.now },
    hmac: (m) => createHmac('sha256', opts.secret).update(m).digest(),
    adminOpenids: new Set(opts.adminOpenids ?? []),
    renderQr: renderQrDataUrl,
    files: createCloudFiles(cloud),
  }
  const app = createApp(deps, () => undefined)
  await seedDemo(deps)
  return { executor, deps, app }
}
