// Configuration of a fresh local install: county admins from ADMIN_OPENIDS.
import { offsetClock, parseOpenids } from './local-deps'
import { startTestServer, ok } from '../testing/harness'

it('parses ADMIN_OPENIDS as a comma-separated list and drops anything that is not an openid', () => {
  expect(parseOpenids(' boss-1, boss_2 ,,$where,a b ')).toEqual(['boss-1', 'boss_2'])
  expect(parseOpenids(undefined)).toEqual([])
})

it('makes ADMIN_OPENIDS county admins of a fresh install, and nobody else', async () => {
  const srv = await startTestServer({ adminOpenids: ['boss-1'] })
  try {
    expect(ok(await srv.call('boss-1', 'me.get')).roles).toEqual([{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }])
    expect(ok(await srv.call('boss-1', 'score.tally', { year: 2025 })).members).toBeGreaterThan(0)
    expect((await srv.call('boss-2', 'score.tally', { year: 2025 })).status).toBe(403)
  } finally {
    await srv.close()
  }
})

it('moves the local clock by CLOCK_OFFSET_DAYS whole days, and refuses anything else', () => {
  const base = { now: () => Date.parse('2025-07-01T10:00:00+08:00') }
  expect(offsetClock(undefined, base)).toEqual({ clock: base, days: 0 })
  expect(offsetClock('', base).days).toBe(0)
  const ahead = offsetClock('10', base)
  expect(ahead.days).toBe(10)
  expect(new Date(ahead.clock.now()).toISOString()).toBe('2025-07-11T02:00:00.000Z')
  expect(new Date(offsetClock('-1', base).clock.now()).toISOString()).toBe('2025-06-30T02:00:00.000Z')
  for (const bad of ['1.5', '3651', 'abc', '10d', '1e3', ' ; rm ']) expect(() => offsetClock(bad, base)).toThrow(/CLOCK_OFFSET_DAYS/)
})
