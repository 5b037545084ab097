/** @jest-environment jsdom */
import { click, render } from '../../../test/stubs/render'
import { currentYear } from '@/utils/format'
import YearSwitch from './index'

describe('YearSwitch', () => {
  it('offers the year before and never one past the current year', async () => {
    const onChange = jest.fn()
    const now = currentYear()
    const r = await render(<YearSwitch year={now} onChange={onChange} />)
    expect(r.q('year-current').textContent).toBe(`${now} 年度`)
    await click(r.q('year-next'))
    expect(onChange).not.toHaveBeenCalled()
    await click(r.q('year-prev'))
    expect(onChange).toHaveBeenCalledWith(now - 1)
    r.unmount()
  })
  it('reaches next year where it is prepared ahead (max)', async () => {
    const onChange = jest.fn()
    const now = currentYear()
    const r = await render(<YearSwitch year={now} onChange={onChange} max={now + 1} />)
    expect(r.q('year-next').textContent).toBe(`${now + 1} ›`)
    await click(r.q('year-next'))
    expect(onChange).toHaveBeenCalledWith(now + 1)
    r.unmount()
  })
})
