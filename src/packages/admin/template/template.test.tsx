/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import { currentYear } from '@/utils/format'
import { COUNTY_ITEMS, callsOf, open, secretary, serveRulesets } from '../../../../test/ruleset-pages'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import { TEMPLATE_URL } from '@/utils/routes'
import { __resetTaro } from '../../../../test/stubs/taro'
import Workbench from '../../secretary/index/index'
import TemplateEditor from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const showModal = Taro.showModal as unknown as jest.Mock
const county: MeData = { openid: 'demo-admin', roles: [{ role: 'county_admin', scopeId: 'county', scopeName: '示范县' }] }
const street: MeData = { openid: 'demo-street-s1', roles: [{ role: 'street_admin', scopeId: 'S1', scopeName: '城关街道' }] }
const serve = (me: MeData) => serveRulesets(mockCall, me)
const calls = (action: string) => callsOf(mockCall, action)

beforeEach(() => {
  __resetTaro()
  resetMe()
  mockCall.mockReset()
  serve(secretary)
})

describe('积分明细模板', () => {
  beforeEach(() => {
    serve(county)
  })

  it('loads the county template into the editor and saves it with ruleset.saveTemplate, with no adoption step', async () => {
    const r = await open(<TemplateEditor />)
    expect(calls('ruleset.get')).toEqual([])
    expect(r.q('ruleset-template-notice').textContent).toContain('县级模板（县委组织部 2025-03-01 更新）')
    expect(r.all('ruleset-item-code').map((i) => (i as HTMLInputElement).value)).toEqual(['G01', 'N02'])
    expect(r.has('ruleset-save')).toBe(false)
    expect(r.has('ruleset-adopt')).toBe(false)
    await typeInto(r.q('ruleset-base'), '58')
    await click(r.q('ruleset-add-item'))
    const last = r.all('ruleset-item').slice(-1)[0]
    await typeInto(last.querySelector('.ruleset-item-code') as HTMLElement, 'P02')
    await typeInto(last.querySelector('.ruleset-item-name') as HTMLElement, '参加组织生活会')
    await typeInto(last.querySelector('.ruleset-item-category') as HTMLElement, '组织生活')
    await typeInto(last.querySelector('.ruleset-item-points') as HTMLElement, '2')
    await click(r.q('ruleset-save-template'))
    await flush()
    expect(showModal).not.toHaveBeenCalled()
    expect(calls('ruleset.saveTemplate')).toEqual([
      {
        year: currentYear(),
        baseScore: 58,
        fullScore: 100,
        minPresenceRatio: 0.75,
        categoryCaps: { 志愿服务: 25 },
        items: [...COUNTY_ITEMS, { code: 'P02', name: '参加组织生活会', category: '组织生活', points: 2, requiresApproval: true }],
      },
    ])
    expect(calls('ruleset.save')).toEqual([])
    // Reloaded after saving.
    expect(calls('ruleset.template')).toHaveLength(2)
    r.unmount()
  })

  it('refuses a draft with base above full before calling the server', async () => {
    const r = await open(<TemplateEditor />)
    await typeInto(r.q('ruleset-base'), '100.5')
    await click(r.q('ruleset-save-template'))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('基础分') }))
    expect(calls('ruleset.saveTemplate')).toEqual([])
    r.unmount()
  })

  it('is for the county admin only', async () => {
    serve(secretary)
    const r = await open(<TemplateEditor />)
    expect(r.container.textContent).toContain('仅县委组织部可用')
    expect(calls('ruleset.template')).toEqual([])
    r.unmount()
  })

  it('has a workbench entry for county admins only', async () => {
    const w = await render(<Workbench />)
    await flush()
    expect(w.q('workbench-template').textContent).toContain('积分明细模板')
    await click(w.q('workbench-template'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: TEMPLATE_URL })
    w.unmount()
    resetMe()
    serve(street)
    const s = await render(<Workbench />)
    await flush()
    expect(s.has('workbench-tally')).toBe(true)
    expect(s.has('workbench-template')).toBe(false)
    s.unmount()
  })
})
