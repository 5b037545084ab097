/** @jest-environment jsdom */
import { Text } from '@tarojs/components'
import { ActionError } from '@/services/errors'
import { render } from '../../../test/stubs/render'
import AsyncView, { type AsyncState } from './index'

const view = (state: AsyncState<string[]>, more: { waiting?: boolean; idle?: boolean } = {}) =>
  render(
    <AsyncView
      state={state}
      waiting={more.waiting}
      isEmpty={(d) => d.length === 0}
      empty={{ title: 'none yet' }}
      idle={more.idle ? { title: 'nothing asked' } : undefined}
    >
      {(d) => <Text className='rows'>{d.join(',')}</Text>}
    </AsyncView>,
  )

/** What the user sees: the placeholder, or the text. */
const shown = async (rendering: ReturnType<typeof view>) => {
  const r = await rendering
  const seen = r.has('skeleton') ? 'skeleton' : (r.container.textContent ?? '')
  r.unmount()
  return seen
}

describe('AsyncView', () => {
  it('shows the placeholder until the first answer, then the empty state or the content', async () => {
    expect(await shown(view({ data: undefined, loading: true, error: null }))).toBe('skeleton')
    expect(await shown(view({ data: [], loading: false, error: null }))).toContain('none yet')
    expect(await shown(view({ data: ['a', 'b'], loading: true, error: null }))).toBe('a,b')
  })

  it('keeps the placeholder when nothing was asked, unless it is told what to say then', async () => {
    const nothing = { data: undefined, loading: false, error: null }
    expect(await shown(view(nothing))).toBe('skeleton')
    expect(await shown(view(nothing, { idle: true }))).toContain('nothing asked')
  })

  it('waits behind the placeholder while what the request depends on loads, data or not', async () => {
    expect(await shown(view({ data: undefined, loading: false, error: null }, { waiting: true, idle: true }))).toBe('skeleton')
    expect(await shown(view({ data: ['a'], loading: false, error: null }, { waiting: true }))).toBe('skeleton')
  })

  it('says why the first answer failed, even while waiting', async () => {
    const failed = { data: undefined, loading: false, error: new ActionError('INTERNAL', 'boom') }
    expect(await shown(view(failed, { waiting: true, idle: true }))).toContain('加载失败')
  })
})
