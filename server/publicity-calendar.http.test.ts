// 公示 working days over HTTP (issue 4): weekends and configured holidays do not count, 调休 weekend days do —
// including holidays of the next calendar year when a year's 公示 runs across New Year, and the national schedule
// (issue 12) for a year whose calendar the county has not saved.
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
  it('runs on the national schedule of a year whose calendar the county never saved, across New Year', async () => {
    // 2026 not saved: 01-01…01-03 off, Sunday 01-04 worked (调休).
    // Mon 12-29, Tue 12-30, Wed 12-31, [Thu 01-01 … Sat 01-03 off], Sun 01-04 (调休), Mon 01-05
    expect(ok(await open(2, '2025-12-29'))).toMatchObject({ endOn: '2026-01-05' })
  })
  it('shows the national schedule prefilled, editable: a saved list replaces it, the other list keeps the prefill', async () => {
    const before = ok(await srv.call(ADMIN, 'settings.get', { year: 2026 }))
    expect(before.calendarPrefilled).toBe(true)
    expect(before.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07', '2026-02-15']))
    expect(before.extraWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    // The county drops 01-02 and 01-03 (say it was told to work them) and saves only the holidays.
    const holidays = (before.holidays as string[]).filter((d) => d !== '2026-01-02' && d !== '2026-01-03')
    const after = ok(await srv.call(ADMIN, 'settings.set', { year: 2026, holidays }))
    expect(after.calendarPrefilled).toBeUndefined()
    expect(after.holidays).not.toContain('2026-01-02')
    expect(after.extraWorkdays).toEqual(before.extraWorkdays)
    // Mon 12-29, Tue 12-30, Wed 12-31, [Thu 01-01 off], Fri 01-02 → 4, Sun 01-04 (调休) → 5
    expect(ok(await open(4, '2025-12-29'))).toMatchObject({ endOn: '2026-01-04' })
    // Saving an empty calendar is kept as empty, not refilled.
    const cleared = ok(await srv.call(ADMIN, 'settings.set', { year: 2026, holidays: [], extraWorkdays: [] }))
    expect(cleared).toMatchObject({ holidays: [], extraWorkdays: [] })
    expect(cleared.calendarPrefilled).toBeUndefined()
  })
  it('lasts at least 5 working days and may be longer', async () => {
    expect((await open(3, '2025-07-07', 4)).status).toBe(400)
    expect(ok(await open(3, '2025-07-07', 7))).toMatchObject({ endOn: '2025-07-15' }) // Mon … Fri, Mon, Tue
  })
})
