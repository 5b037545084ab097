/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import iconv from 'iconv-lite'
import type { MeData, UnitScorePreview } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { writeXlsx } from '@/lib/xlsx'
import { callAction } from '@/services/api'
import { click, flush, render } from '../../../../test/stubs/render'
import UnitImport from './index'
import { importBatches, importCalls, mergePreviews, readScoreSheet, type PickedFile } from './sheet'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>

// The platform picker is replaced by a button that hands over whatever file the test prepared.
let mockFile: PickedFile | null = null
jest.mock('./SheetPicker', () => ({
  __esModule: true,
  default: (props: { onPicked: (f: PickedFile) => void; label: string }) => (
    <button className='test-pick' onClick={() => mockFile && props.onPicked(mockFile)}>
      {props.label}
    </button>
  ),
}))

const me: MeData = { openid: 'demo-unitsec-ub2', roles: [{ role: 'unit_secretary', scopeId: 'UB2', scopeName: '县卫健委机关党支部' }] }

const sheet = writeXlsx([
  {
    name: '2025',
    rows: [
      ['姓名', '手机号', '单位积分', '满分'],
      ['李秀英', '13800000002', 120, 150],
      ['杨帆', '13800000006', 90, 100],
      ['不存在', '13999999999', 80, 150],
    ],
  },
])

const preview: UnitScorePreview = {
  matched: [
    { line: 2, memberId: 'D002', name: '李秀英', raw: 120, fullScale: 150, unitScore: 80, previous: null },
    { line: 3, memberId: 'D006', name: '杨帆', raw: 90, fullScale: 100, unitScore: 90, previous: 85.5 },
  ],
  problems: [{ line: 4, name: '不存在', phone: '13999999999', reason: '本支部名册中找不到姓名与手机号都一致的党员' }],
  unscored: [{ memberId: 'D010', name: '周敏' }],
}

describe('单位积分导入 page', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    ;(Taro.showModal as jest.Mock).mockClear()
    mockFile = { name: '2025年度单位积分.xlsx', bytes: sheet }
    mockCall.mockImplementation(((action: string, body: { scores?: unknown[] }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'unitScore.preview') return Promise.resolve(preview)
      if (action === 'unitScore.import') return Promise.resolve({ imported: body.scores?.length ?? 0, created: 1, updated: 0 })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('parses the sheet, previews it, shows the problems, and imports only the matched rows, one call per full scale', async () => {
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()

    // The parsed candidates go to the preview as they are, with the page's default full scale.
    const previewCall = mockCall.mock.calls.find((c) => c[0] === 'unitScore.preview')
    expect(previewCall?.[1]).toEqual({
      unitBranchId: 'UB2',
      year: expect.any(Number),
      fullScale: 100,
      rows: [
        { line: 2, name: '李秀英', phone: '13800000002', score: 120, fullScale: 150 },
        { line: 3, name: '杨帆', phone: '13800000006', score: 90, fullScale: 100 },
        { line: 4, name: '不存在', phone: '13999999999', score: 80, fullScale: 150 },
      ],
    })
    expect(mockCall).not.toHaveBeenCalledWith('unitScore.import', expect.anything())

    expect(r.q('import-matched-count').textContent).toBe('2')
    expect(r.all('import-row')).toHaveLength(2)
    expect(r.all('import-row')[1].textContent).toContain('原 85.50')
    const problems = r.all('import-problem')
    expect(problems).toHaveLength(1)
    expect(problems[0].textContent).toContain('第 4 行')
    expect(problems[0].textContent).toContain('本支部名册中找不到姓名与手机号都一致的党员')
    expect(r.q('import-problems').className).toContain('unit-import__bad')
    expect(r.q('import-unscored').textContent).toContain('周敏')

    await click(r.q('import-confirm'))
    await flush()
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('有问题的 1 行不会导入') }))
    const imports = mockCall.mock.calls.filter((c) => c[0] === 'unitScore.import').map((c) => c[1])
    expect(imports).toEqual([
      { unitBranchId: 'UB2', year: expect.any(Number), fullScale: 150, scores: [{ memberId: 'D002', score: 120 }] },
      { unitBranchId: 'UB2', year: expect.any(Number), fullScale: 100, scores: [{ memberId: 'D006', score: 90 }] },
    ])
    expect(r.q('import-done').textContent).toContain('已保存 2 人')
    r.unmount()
  })

  it('saves nothing when the secretary does not confirm', async () => {
    ;(Taro.showModal as jest.Mock).mockImplementationOnce(() => Promise.resolve({ confirm: false, cancel: true }))
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()
    await click(r.q('import-confirm'))
    await flush()
    expect(mockCall).not.toHaveBeenCalledWith('unitScore.import', expect.anything())
    r.unmount()
  })

  it('previews a GBK CSV from Excel on Chinese Windows with the row numbers Excel shows', async () => {
    const csv = '姓名,手机号,单位积分,满分\r\n,,,\r\n李秀英,13800000002,１２０,150\r\n\r\n杨　帆,13800000006,90,100\r\n'
    mockFile = { name: '单位积分.csv', bytes: new Uint8Array(iconv.encode(csv, 'gbk')) }
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()
    expect(mockCall.mock.calls.find((c) => c[0] === 'unitScore.preview')?.[1]).toMatchObject({
      rows: [
        { line: 3, name: '李秀英', phone: '13800000002', score: 120, fullScale: 150 },
        { line: 5, name: '杨帆', phone: '13800000006', score: 90, fullScale: 100 },
      ],
    })
    r.unmount()
  })

  it('tells a password-protected workbook as such, without calling the server', async () => {
    const cfb = new Uint8Array(1024)
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    cfb.set(
      [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]),
      512,
    )
    mockFile = { name: '积分.xlsx', bytes: cfb }
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()
    expect(r.q('import-file-errors').textContent).toContain('文件已加密，请取消密码后另存为 .xlsx 再导入')
    expect(mockCall).not.toHaveBeenCalledWith('unitScore.preview', expect.anything())
    r.unmount()
  })

  it('says what is wrong with a file it cannot read, without calling the server', async () => {
    mockFile = { name: '积分.xls', bytes: new Uint8Array([1, 2, 3]) }
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    await flush()
    expect(r.q('import-file-errors').textContent).toContain('另存为 .xlsx')
    expect(mockCall).not.toHaveBeenCalledWith('unitScore.preview', expect.anything())
    r.unmount()
  })
})

describe('reading a score sheet', () => {
  it('reads CSV (UTF-8 with a BOM) as well as .xlsx, also where the platform has no TextDecoder (as jsdom here)', () => {
    const csv = new Uint8Array(Buffer.from('\ufeff姓名,手机号,积分\n李秀英,138 0000 0002,88.5\n', 'utf8'))
    expect(readScoreSheet({ name: 'scores.CSV', bytes: csv })).toEqual({
      candidates: [{ line: 2, name: '李秀英', phone: '13800000002', score: 88.5 }],
      errors: [],
    })
  })
  it('turns a broken .xlsx into a message, not an exception', () => {
    expect(readScoreSheet({ name: 'a.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) }).errors).toEqual(['不是有效的 .xlsx 文件'])
  })
  it('groups matched rows by full scale, keeping the raw score on the unit’s own scale', () => {
    expect(
      importBatches([
        { line: 2, memberId: 'A', name: 'a', raw: 120, fullScale: 150, unitScore: 80, previous: null },
        { line: 3, memberId: 'B', name: 'b', raw: 90, fullScale: 100, unitScore: 90, previous: null },
        { line: 4, memberId: 'C', name: 'c', raw: 30, fullScale: 150, unitScore: 20, previous: null },
      ]),
    ).toEqual([
      {
        fullScale: 150,
        scores: [
          { memberId: 'A', score: 120 },
          { memberId: 'C', score: 30 },
        ],
      },
      { fullScale: 100, scores: [{ memberId: 'B', score: 90 }] },
    ])
  })
  it('splits a full scale of 250 rows into calls of at most 100', () => {
    const matched = Array.from({ length: 250 }, (_, i) => ({
      line: i + 2,
      memberId: `M${i}`,
      name: 'x',
      raw: 80,
      fullScale: 100,
      unitScore: 80,
      previous: null,
    }))
    expect(importCalls(matched).map((c) => [c.fullScale, c.scores.length])).toEqual([
      [100, 100],
      [100, 100],
      [100, 50],
    ])
  })
  it('merges the previews of a sheet read in parts: a member matched twice becomes a problem, unscored is who no part matched', () => {
    const m = (line: number, memberId: string) => ({ line, memberId, name: memberId, raw: 80, fullScale: 100, unitScore: 80, previous: null })
    const merged = mergePreviews([
      {
        matched: [m(2, 'A'), m(3, 'B')],
        problems: [{ line: 4, reason: '缺少积分' }],
        unscored: [
          { memberId: 'C', name: 'C' },
          { memberId: 'D', name: 'D' },
        ],
      },
      {
        matched: [m(502, 'C'), m(503, 'A')],
        problems: [],
        unscored: [
          { memberId: 'B', name: 'B' },
          { memberId: 'D', name: 'D' },
        ],
      },
    ])
    expect(merged.matched.map((x) => x.memberId)).toEqual(['A', 'B', 'C'])
    expect(merged.problems).toEqual([
      { line: 4, reason: '缺少积分' },
      { line: 503, name: 'A', memberId: 'A', reason: '与第 2 行是同一名党员（A）' },
    ])
    expect(merged.unscored).toEqual([{ memberId: 'D', name: 'D' }])
  })
})

describe('a sheet of thousands of rows', () => {
  it('is previewed in parts of at most 500 rows and saved in calls of at most 100', async () => {
    resetMe()
    mockCall.mockReset()
    const big = writeXlsx([{ name: '2025', rows: [['党员编号', '积分'], ...Array.from({ length: 1200 }, (_, i) => [`M${i}`, 80])] }])
    mockFile = { name: '大表.xlsx', bytes: big }
    mockCall.mockImplementation(((action: string, body: { rows?: { line: number; memberId: string }[]; scores?: unknown[] }) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'unitScore.preview')
        return Promise.resolve({
          matched: (body.rows ?? []).map((r) => ({
            line: r.line,
            memberId: r.memberId,
            name: r.memberId,
            raw: 80,
            fullScale: 100,
            unitScore: 80,
            previous: null,
          })),
          problems: [],
          unscored: [],
        })
      if (action === 'unitScore.import') return Promise.resolve({ imported: body.scores?.length ?? 0, created: body.scores?.length ?? 0, updated: 0 })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
    const r = await render(<UnitImport />)
    await flush()
    await flush()
    await click(r.q('test-pick'))
    for (let i = 0; i < 4; i++) await flush()
    const previews = mockCall.mock.calls.filter((c) => c[0] === 'unitScore.preview').map((c) => (c[1] as { rows: unknown[] }).rows.length)
    expect(previews).toEqual([500, 500, 200])
    expect(r.q('import-matched-count').textContent).toBe('1200')
    await click(r.q('import-confirm'))
    for (let i = 0; i < 4; i++) await flush()
    const saves = mockCall.mock.calls.filter((c) => c[0] === 'unitScore.import').map((c) => (c[1] as { scores: unknown[] }).scores.length)
    expect(saves).toEqual(Array(12).fill(100))
    expect(r.q('import-done').textContent).toContain('已保存 1200 人')
    r.unmount()
  })
})
