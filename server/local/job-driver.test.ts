// The local backend's job driver: it finishes a job nobody drives (as the cloud timer does), and its system openid
// is no one over HTTP — a dev login under that name gets no role.
import { IDLE_MS } from '../jobs/runner'
import { type TestServer, startTestServer } from '../testing/harness'
import { LOCAL_DRIVER_OPENID, startJobDriver } from './job-driver'

let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer()
})
afterAll(async () => srv?.close())

it('finishes a 核算 job that nobody drives, once it has been idle', async () => {
  // Started and left after its first step (as if the county admin left the page): written straight as a running job.
  const started = await srv.call('demo-admin', 'score.tallyJob', { year: 2025 })
  expect(started.body).toMatchObject({ ok: true, data: { status: 'done' } })
  const job = await srv.deps.store.get('jobs', started.body.data.id)
  if (!job) throw new Error('no job')
  await srv.deps.store.set('jobs', { ...job, status: 'running', phase: 'sweep', finishedAt: null })
  const driver = startJobDriver(srv.deps, 0, () => undefined)
  await driver.tick()
  // Not idle yet: left alone.
  expect((await srv.deps.store.get('jobs', job._id))?.status).toBe('running')
  srv.clock.advance(IDLE_MS + 1)
  await driver.tick()
  expect(await srv.deps.store.get('jobs', job._id)).toMatchObject({ status: 'done', phase: 'done' })
  driver.stop()
})

it('the driver’s openid has no role over HTTP', async () => {
  const r = await srv.call(LOCAL_DRIVER_OPENID, 'job.drive', {})
  expect(r.status).toBe(403)
  expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})
