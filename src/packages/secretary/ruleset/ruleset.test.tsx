/** @jest-environment jsdom */
import type { RuleTemplateView } from '@/core/template'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { COUNTY_ITEMS, COUNTY_SAVED, callsOf, open, secretary, serveRulesets } from '../../../../test/ruleset-pages'
import { click } from '../../../../test/stubs/render'
import { __resetTaro } from '../../../../test/stubs/taro'
import Ruleset from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const DEFAULT: RuleTemplateView = { ...COUNTY_SAVED, source: 'default', templateYear: undefined, savedAt: undefined, savedBy: undefined }
const calls = (action: string) => callsOf(mockCall, action)

beforeEach(() => {
  __resetTaro()
  resetMe()
  mockCall.mockReset()
  serveRulesets(mockCall, secretary)
})

describe('积分明细 page', () => {
  it('从空白开始 opens the editor with one empty item and the default terms', async () => {
    const r = await open(<Ruleset />)
    await click(r.q('ruleset-new-blank'))
    expect(r.all('ruleset-item')).toHaveLength(1)
    expect((r.q('ruleset-item-code') as HTMLInputElement).value).toBe('')
    expect((r.q('ruleset-base') as HTMLInputElement).value).toBe('60')
    expect((r.q('ruleset-full') as HTMLInputElement).value).toBe('100')
    expect(r.q('ruleset-editor').textContent).toContain('基于空白模板')
    r.unmount()
  })

  it('drafts from the county template the server serves, and saves that as the estate’s draft', async () => {
    const r = await open(<Ruleset />)
    expect(calls('ruleset.template')).toEqual([{ year: currentYear() }])
    expect(r.q('ruleset-template-source').textContent).toBe('县级模板（县委组织部 2025-03-01 更新）')
    await click(r.q('ruleset-new-from-template'))
    expect(r.q('ruleset-editor').textContent).toContain('基于县级模板（县委组织部 2025-03-01 更新）')
    expect(r.all('ruleset-item-code').map((i) => (i as HTMLInputElement).value)).toEqual(['G01', 'N02'])
    expect((r.q('ruleset-base') as HTMLInputElement).value).toBe('55')
    expect((r.q('ruleset-presence') as HTMLInputElement).value).toBe('75')
    await click(r.q('ruleset-save'))
    expect(calls('ruleset.save')).toEqual([
      {
        estateBranchId: 'E1',
        year: currentYear(),
        baseScore: 55,
        fullScore: 100,
        minPresenceRatio: 0.75,
        categoryCaps: { 志愿服务: 25 },
        items: COUNTY_ITEMS,
      },
    ])
    expect(calls('ruleset.saveTemplate')).toEqual([])
    r.unmount()
  })

  it('labels the built-in template as the system default', async () => {
    serveRulesets(mockCall, secretary, DEFAULT)
    const r = await open(<Ruleset />)
    expect(r.q('ruleset-template-source').textContent).toBe('县级模板（系统默认）')
    await click(r.q('ruleset-new-from-template'))
    expect(r.q('ruleset-editor').textContent).toContain('基于县级模板（系统默认）')
    r.unmount()
  })
})
