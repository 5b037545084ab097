/** @jest-environment jsdom */
import { render } from '../../../test/stubs/render'
import BarChart from './index'

describe('BarChart', () => {
  it('sizes column heights as a percentage of the largest value', async () => {
    const r = await render(
      <BarChart
        data={[
          { label: '1', value: 2 },
          { label: '2', value: 8 },
          { label: '3', value: 0 },
        ]}
      />,
    )
    const bars = r.all('bar-chart__bar')
    expect(bars.map((b) => b.style.height)).toEqual(['25%', '100%', '2%'])
    r.unmount()
  })

  it('draws a row breakdown with labels and two-decimal values', async () => {
    const r = await render(
      <BarChart
        layout='row'
        data={[
          { label: '环境整治', value: 12.5 },
          { label: '扣分', value: -2 },
        ]}
      />,
    )
    expect(r.all('bar-chart__row-label').map((e) => e.textContent)).toEqual(['环境整治', '扣分'])
    expect(r.all('bar-chart__row-value').map((e) => e.textContent)).toEqual(['12.50', '-2.00'])
    expect(r.all('bar-chart__fill')[0].style.width).toBe('100%')
    expect(r.all('bar-chart__fill')[1].className).toContain('bar-chart__fill--neg')
    r.unmount()
  })

  it('renders an empty series without dividing by zero', async () => {
    const r = await render(<BarChart data={[{ label: '1', value: 0 }]} />)
    expect(r.q('bar-chart__bar').style.height).toBe('0%')
    r.unmount()
  })
})
