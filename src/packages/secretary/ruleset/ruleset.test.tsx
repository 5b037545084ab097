/** @jest-environment jsdom */
import type { MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import Ruleset from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }

describe('积分明细 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    mockCall.mockImplementation(((action: string) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'ruleset.get') return Promise.resolve({ current: null, versions: [] })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('从空白开始 opens the editor with one empty item and the default terms', async () => {
    const r = await render(<Ruleset />)
    await flush()
    await flush()
    await click(r.q('ruleset-new-blank'))
    expect(r.all('ruleset-item')).toHaveLength(1)
    expect((r.q('ruleset-item-code') as HTMLInputElement).value).toBe('')
    expect((r.q('ruleset-base') as HTMLInputElement).value).toBe('60')
    expect((r.q('ruleset-full') as HTMLInputElement).value).toBe('100')
    expect(r.q('ruleset-editor').textContent).toContain('基于空白模板')
    r.unmount()
  })
})
