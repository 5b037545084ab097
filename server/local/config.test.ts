// Configuration of a fresh local install: county admins from ADMIN_OPENIDS.
import { parseOpenids } from './local-deps'
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
