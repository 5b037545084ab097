/** @jest-environment jsdom */
import * as TaroModule from '@tarojs/taro'
import type { SurveyForm } from '@/core/api-types'
import { callAction } from '@/services/api'
import { click, flush, render, typeInto } from '../../../../test/stubs/render'
import SurveyAnswer from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
const setParams = (TaroModule as unknown as { __setRouterParams: (p: Record<string, string>) => void }).__setRouterParams

const form = (over: Partial<SurveyForm> = {}): SurveyForm => ({
  surveyId: 'SV1',
  title: '幸福里小区党支部2026年上半年满意度测评',
  estateName: '幸福里小区党支部',
  period: '2026年上半年',
  status: 'open',
  objects: [
    { object: 'branch', label: '小区党支部' },
    { object: 'committee', label: '业主委员会' },
    { object: 'property', label: '物业服务企业' },
  ],
  choices: [
    { choice: 'satisfied', label: '满意' },
    { choice: 'basic', label: '基本满意' },
    { choice: 'dissatisfied', label: '不满意' },
  ],
  mine: null,
  ...over,
})

describe('满意度测评 answer page (no registration)', () => {
  let current: SurveyForm
  beforeEach(() => {
    mockCall.mockReset()
    current = form()
    mockCall.mockImplementation(((action: string, body: Record<string, string>) => {
      if (action === 'survey.form') return Promise.resolve(current)
      if (action === 'survey.answer') {
        current = form({
          mine: {
            branch: body.branch,
            committee: body.committee,
            property: body.property,
            comment: body.comment,
            at: '2026-03-01T10:00:00+08:00',
          } as SurveyForm['mine'],
        })
        return Promise.resolve({ surveyId: 'SV1', changed: false, at: '2026-03-01T10:00:00+08:00' })
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })
  afterEach(() => setParams({}))

  it('opens the survey named by the poster’s scene, sends nothing until all three are chosen, then the answer with the comment', async () => {
    setParams({ scene: encodeURIComponent('SV1') })
    const r = await render(<SurveyAnswer />)
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('survey.form', { surveyId: 'SV1' })
    expect(r.all('survey-question')).toHaveLength(3)
    await click(r.q('survey-choice-branch-satisfied'))
    await click(r.q('survey-submit'))
    expect(mockCall).not.toHaveBeenCalledWith('survey.answer', expect.anything())
    await click(r.q('survey-choice-committee-basic'))
    await click(r.q('survey-choice-property-dissatisfied'))
    expect(r.q('survey-choice-property-dissatisfied').getAttribute('aria-checked')).toBe('true')
    await typeInto(r.q('survey-comment'), '  电梯常坏  ')
    await click(r.q('survey-submit'))
    await flush()
    await flush()
    expect(mockCall).toHaveBeenCalledWith('survey.answer', {
      surveyId: 'SV1',
      branch: 'satisfied',
      committee: 'basic',
      property: 'dissatisfied',
      comment: '电梯常坏',
    })
    expect(r.q('survey-mine').textContent).toContain('如需修改')
    expect(r.q('survey-submit').textContent).toContain('修改答卷')
    r.unmount()
  })

  it('shows a closed survey with the answer given and nothing to submit', async () => {
    setParams({ surveyId: 'SV1' })
    current = form({ status: 'closed', mine: { branch: 'basic', committee: 'basic', property: 'basic', at: '2026-03-01T10:00:00+08:00' } })
    const r = await render(<SurveyAnswer />)
    await flush()
    await flush()
    expect(r.q('survey-closed').textContent).toContain('已结束')
    expect(r.q('survey-choice-branch-basic').getAttribute('aria-checked')).toBe('true')
    await click(r.q('survey-choice-branch-satisfied'))
    expect(r.q('survey-choice-branch-basic').getAttribute('aria-checked')).toBe('true')
    await click(r.q('survey-submit'))
    expect(mockCall).not.toHaveBeenCalledWith('survey.answer', expect.anything())
    r.unmount()
  })
})
