// 公示 working days over HTTP (issue 4): weekends and configured holidays do not count, 调休 weekend days do —
// including holidays of the next calendar year when a year's 公示 runs across New Year.
import { startTestServer, ok, type TestServer } from './testing/harness'

const ADMIN = 'demo-admin'
let srv: TestServer
beforeAll(async () => {
  srv = await startTestServer() // T0 = Tuesday 2025-07-01
})
afterAll(() => srv.close())

const open = (k: number, startOn: string, workingDays?: number) =>
  srv.call(`demo-secretary-e${k}`, 'publicity.open', { estateBranchId: `E${k}`, year: 2025, startOn, ...(workingDays ? { workingDays } : {}) })

describe('公示 working-day arithmetic through publicity.open', () => {
  it('skips a configured holiday and counts a 调休 Saturday', async () => {
    ok(
      await srv.call(ADMIN, 'settings.set', {
        year: 2025,
        holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
        extraWorkdays: ['2025-10-11'],
      }),
    )
    // Mon 09-29, Tue 09-30, [10-01…10-08 holidays and a weekend], Thu 10-09, Fri 10-10 → 4; Sat 10-11 (调休) → 5
    expect(ok(await open(1, '2025-09-29'))).toMatchObject({ startOn: '2025-09-29', endOn: '2025-10-11', workingDays: 5 })
  })
  it('uses the next year’s holidays when the 公示 crosses New Year', async () => {
    ok(await srv.call(ADMIN, 'settings.set', { year: 2026, holidays: ['2026-01-01', '2026-01-02'] }))
    // Mon 12-29, Tue 12-30, Wed 12-31, [Thu 01-01, Fri 01-02 holidays, weekend], Mon 01-05, Tue 01-06
    expect(ok(await open(2, '2025-12-29'))).toMatchObject({ endOn: '2026-01-06' })
  })
  it('lasts at least 5 working days and may be longer', async () => {
    expect((await open(3, '2025-07-07', 4)).status).toBe(400)
    expect(ok(await open(3, '2025-07-07', 7))).toMatchObject({ endOn: '2025-07-15' }) // Mon … Fri, Mon, Tue
  })
})
