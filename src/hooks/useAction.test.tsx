/** @jest-environment jsdom */
import { callAction } from '@/services/api'
import { ActionError } from '@/services/errors'
import { flush, render } from '../../test/stubs/render'
import { useAction } from './useAction'

jest.mock('@/services/api', () => ({ callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

function Probe({ year }: { year: number | null }) {
  const { data, loading, error } = useAction('score.mine', year === null ? null : { year }, [year])
  const d = data as { year: number } | undefined
  return <div className={`probe ${loading ? 'is-loading' : ''}`}>{error ? `error:${error.code}` : d ? `year:${d.year}` : 'empty'}</div>
}

describe('useAction', () => {
  beforeEach(() => mockCall.mockReset())

  it('loads, then shows the data', async () => {
    mockCall.mockResolvedValue({ year: 2025 } as never)
    const r = await render(<Probe year={2025} />)
    await flush()
    expect(r.q('probe').textContent).toBe('year:2025')
    expect(r.q('probe').className).not.toContain('is-loading')
    expect(mockCall).toHaveBeenCalledWith('score.mine', { year: 2025 })
    r.unmount()
  })

  it('waits while the body is null', async () => {
    const r = await render(<Probe year={null} />)
    await flush()
    expect(mockCall).not.toHaveBeenCalled()
    expect(r.q('probe').textContent).toBe('empty')
    r.unmount()
  })

  it('exposes an ActionError', async () => {
    mockCall.mockRejectedValue(new ActionError('FORBIDDEN', '无权访问'))
    const r = await render(<Probe year={2025} />)
    await flush()
    expect(r.q('probe').textContent).toBe('error:FORBIDDEN')
    r.unmount()
  })

  it('never lets a slower earlier answer overwrite a newer one', async () => {
    let resolveOld: (v: unknown) => void = () => undefined
    mockCall.mockImplementationOnce(() => new Promise((res) => (resolveOld = res)) as never)
    mockCall.mockResolvedValueOnce({ year: 2024 } as never)
    const r = await render(<Probe year={2025} />)
    await r.rerender(<Probe year={2024} />)
    await flush()
    resolveOld({ year: 2025 })
    await flush()
    expect(r.q('probe').textContent).toBe('year:2024')
    r.unmount()
  })
})
