/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import type { EntryView } from '@/core/api-types'
import { click, render } from '../../../test/stubs/render'
import EntryList from './index'

const entry = (over: Partial<EntryView>): EntryView => ({
  id: 'x',
  kind: 'activity',
  itemCode: 'V1',
  itemName: '志愿服务',
  category: '服务',
  points: 2,
  status: 'approved',
  at: '2025-07-01T09:00:00.000+08:00',
  title: '楼道清洁',
  ...over,
})

describe('EntryList', () => {
  it('shows title, rule item, date, signed points and a status badge per entry', async () => {
    const r = await render(
      <EntryList
        entries={[
          entry({ id: 'a' }),
          entry({ id: 'b', status: 'pending', title: '垃圾分类宣传' }),
          entry({ id: 'c', status: 'rejected', points: 3, reason: '未到场' }),
          entry({ id: 'd', kind: 'deduction', points: -5, itemName: '违规停车' }),
        ]}
      />,
    )
    const items = r.all('points-entry')
    expect(items).toHaveLength(4)
    expect(items[0].textContent).toContain('楼道清洁')
    expect(items[0].textContent).toContain('2025-07-01')
    expect(items[0].textContent).toContain('+2.00')
    expect(items[0].textContent).toContain('已通过')
    expect(items[1].textContent).toContain('待审核')
    expect(items[2].textContent).toContain('未通过')
    expect(items[2].textContent).toContain('驳回理由：未到场')
    expect(items[3].textContent).toContain('-5.00')
    r.unmount()
  })

  it('shows the rule-set version each entry was scored under, and none for an entry without one', async () => {
    const r = await render(
      <EntryList
        entries={[
          entry({ id: 'a', rulesetVersion: 2 }),
          entry({ id: 'b', rulesetVersion: 1, itemName: '环境整治' }),
          entry({ id: 'c', kind: 'adjustment', itemName: '调整', category: '调整', rulesetVersion: 0 }),
          entry({ id: 'd' }),
        ]}
      />,
    )
    const items = r.all('points-entry')
    expect(items[0].querySelector('.entry-ruleset-version')?.textContent).toBe(' · 细则 v2')
    expect(items[0].querySelector('.entry-list__meta')?.textContent).toBe('2025-07-01 · 志愿服务 · 服务 · 细则 v2')
    expect(items[1].textContent).toContain('环境整治 · 服务 · 细则 v1')
    expect(items[2].querySelector('.entry-ruleset-version')).toBeNull()
    expect(items[2].textContent).not.toContain('细则 v')
    expect(items[3].querySelector('.entry-ruleset-version')).toBeNull()
    r.unmount()
  })

  it('shows a deduction’s evidence text and photo thumbnails that enlarge', async () => {
    const urls = ['/files/Fa?e=1&s=x', '/files/Fb?e=1&s=y']
    const r = await render(
      <EntryList
        entries={[
          entry({ id: 'd', kind: 'deduction', points: -5, itemName: '无故缺席', evidence: '签到表无本人签名', photos: urls }),
          entry({ id: 'a' }),
        ]}
      />,
    )
    const [deduction, plain] = r.all('points-entry')
    expect(deduction.querySelector('.entry-evidence')?.textContent).toBe('佐证：签到表无本人签名')
    const thumbs = [...deduction.querySelectorAll<HTMLImageElement>('.entry-photo')]
    expect(thumbs.map((i) => i.getAttribute('src'))).toEqual(urls)
    ;(Taro.previewImage as jest.Mock).mockClear()
    await click(thumbs[1])
    expect(Taro.previewImage).toHaveBeenCalledWith({ current: urls[1], urls })
    expect(plain.querySelector('.entry-evidence')).toBeNull()
    expect(plain.querySelector('.entry-photo')).toBeNull()
    r.unmount()
  })
})
