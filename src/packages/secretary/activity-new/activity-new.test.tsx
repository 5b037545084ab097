/** @jest-environment jsdom */
import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from '@/core/geo'
import type { MeData } from '@/core/api-types'
import { resetMe } from '@/hooks/useMe'
import { callAction } from '@/services/api'
import type { PickPlaceOnMap } from '@/services/pick-location.types'
import { click, flush, render, typeInto, type Rendered } from '../../../../test/stubs/render'
import { adoptedRuleset } from '../../../../test/fixtures'
import { __resetTaro } from '../../../../test/stubs/taro'
import { checkGeofence, parseCoordinate } from './geofence'
import ActivityNew from './index'

jest.mock('@/services/api', () => ({ ...jest.requireActual('@/services/api'), callAction: jest.fn() }))
const mockCall = callAction as jest.MockedFunction<typeof callAction>
// H5 (the jest default) has no map picker; one test stands in the mini program's.
let mockPicker: PickPlaceOnMap | null = null
jest.mock('@/services/pick-location', () => ({
  get pickPlaceOnMap() {
    return mockPicker
  },
}))

const me: MeData = { openid: 'demo-secretary-e1', roles: [{ role: 'estate_secretary', scopeId: 'E1', scopeName: '幸福里小区党支部' }] }
const ruleset = adoptedRuleset(
  [
    { code: 'V01', name: '志愿服务（按次）', category: '志愿服务', points: 2 },
    { code: 'N01', name: '无故缺席', category: '负面清单', points: -5 },
  ],
  2030,
)

/** The control the picker stub renders beside the picker's visible text (select or input). */
const pick = (r: Rendered, cls: string, value: string) => typeInto(r.q(cls).parentElement as HTMLElement, value)

async function openForm(): Promise<Rendered> {
  const r = await render(<ActivityNew />)
  await flush()
  await flush()
  await pick(r, 'activity-start-date', '2030-07-01')
  await pick(r, 'activity-start-time', '09:00')
  await pick(r, 'activity-end-date', '2030-07-01')
  await pick(r, 'activity-end-time', '11:00')
  await flush()
  await typeInto(r.q('activity-title'), '楼道清洁')
  await pick(r, 'activity-item', '0')
  await typeInto(r.q('activity-address'), '3 号楼架空层')
  return r
}

/** What openForm fills in, as the request states it. */
const FILLED = {
  estateBranchId: 'E1',
  title: '楼道清洁',
  startAt: '2030-07-01T09:00:00+08:00',
  endAt: '2030-07-01T11:00:00+08:00',
  itemCode: 'V01',
  requireCheckout: false,
}

const createCalls = () => mockCall.mock.calls.filter(([action]) => action === 'activity.create')

describe('发布活动 签到地点范围', () => {
  beforeEach(() => {
    resetMe()
    mockCall.mockReset()
    __resetTaro()
    mockPicker = null
    mockCall.mockImplementation(((action: string) => {
      if (action === 'me.get') return Promise.resolve(me)
      if (action === 'ruleset.get') return Promise.resolve({ current: ruleset, drafts: [] })
      if (action === 'activity.create') return Promise.resolve({ activityId: 'A9' })
      return Promise.reject(new Error(`unexpected ${action}`))
    }) as never)
  })

  it('sends the typed point and the chosen radius as activity.create location', async () => {
    const r = await openForm()
    expect(r.has('activity-lat')).toBe(false) // off by default
    await click(r.q('activity-geofence'))
    expect(r.q('activity-geofence').className).toContain('is-checked')
    expect(r.has('activity-pick-map')).toBe(false) // no map picker in H5 (the jest default)
    expect(r.q('activity-radius').textContent).toContain('300 米') // the default
    await typeInto(r.q('activity-lat'), '30.274151')
    await typeInto(r.q('activity-lng'), '120.15515')
    await pick(r, 'activity-radius', '3') // 100 / 200 / 300 / 500 / 1000
    expect(r.q('activity-geofence-summary').textContent).toBe('坐标 30.27415, 120.15515 · 半径 500 米')

    await click(r.q('activity-submit'))
    await flush()
    expect(createCalls()).toEqual([
      [
        'activity.create',
        {
          ...FILLED,
          location: { lat: 30.274151, lng: 120.15515, radiusM: 500, address: '3 号楼架空层' },
        },
      ],
    ])
    expect(r.has('activity-created')).toBe(true)
    r.unmount()
  })

  it('refuses a bad latitude with a Chinese toast and sends nothing', async () => {
    const r = await openForm()
    await click(r.q('activity-geofence'))
    await typeInto(r.q('activity-lat'), '120.15515')
    await typeInto(r.q('activity-lng'), '30.27415')
    expect(r.has('activity-geofence-summary')).toBe(false)
    await click(r.q('activity-submit'))
    await flush()
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '纬度应为 -90 到 90 之间的数字', icon: 'none' }))
    await typeInto(r.q('activity-lat'), '北纬30')
    await click(r.q('activity-submit'))
    await flush()
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '纬度应为 -90 到 90 之间的数字' }))
    expect(createCalls()).toHaveLength(0)
    r.unmount()
  })

  it('asks for a point when the check is on but none is set', async () => {
    const r = await openForm()
    await click(r.q('activity-geofence'))
    await click(r.q('activity-submit'))
    await flush()
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请设置签到地点：选点、使用当前位置或填写经纬度' }))
    expect(createCalls()).toHaveLength(0)
    r.unmount()
  })

  it('fills the point from 使用我当前的位置, a browser’s GPS fix shifted to GCJ-02', async () => {
    ;(Taro.getLocation as jest.Mock).mockResolvedValueOnce({ latitude: 30.2741512345, longitude: 120.1551498765 })
    // Outside the mini program the fix is WGS-84; the form shows and sends it in the datum check-ins use.
    const g = wgs84ToGcj02({ lat: 30.2741512345, lng: 120.1551498765 })
    const six = (n: number) => String(Number(n.toFixed(6)))
    const five = (n: number) => n.toFixed(5)
    const r = await openForm()
    await click(r.q('activity-geofence'))
    await click(r.q('activity-use-here'))
    await flush()
    expect((r.q('activity-lat') as HTMLInputElement).value).toBe(six(g.lat))
    expect((r.q('activity-lng') as HTMLInputElement).value).toBe(six(g.lng))
    expect(r.q('activity-geofence-summary').textContent).toBe(`坐标 ${five(g.lat)}, ${five(g.lng)} · 半径 300 米`)
    await click(r.q('activity-submit'))
    await flush()
    expect(createCalls()[0][1]).toMatchObject({
      location: { lat: Number(six(g.lat)), lng: Number(six(g.lng)), radiusM: 300, address: '3 号楼架空层' },
    })
    r.unmount()
  })

  it('in the mini program, takes the point, its name and address from the map picker', async () => {
    const picker = jest.fn<ReturnType<PickPlaceOnMap>, Parameters<PickPlaceOnMap>>(async () => ({
      lat: 30.2752,
      lng: 120.1561,
      name: '幸福里小区东门',
      address: '杭州市幸福路 1 号',
    }))
    mockPicker = picker
    const r = await openForm()
    await typeInto(r.q('activity-address'), '')
    await click(r.q('activity-geofence'))
    await click(r.q('activity-pick-map'))
    await flush()
    expect(picker).toHaveBeenCalledWith(undefined)
    expect(r.q('activity-geofence-place').textContent).toBe('幸福里小区东门 · 杭州市幸福路 1 号')
    expect(r.q('activity-geofence-point').textContent).toBe('坐标 30.27520, 120.15610 · 半径 300 米')
    expect((r.q('activity-address') as HTMLInputElement).value).toBe('幸福里小区东门') // filled in when empty
    await click(r.q('activity-submit'))
    await flush()
    expect(createCalls()[0][1]).toMatchObject({ location: { lat: 30.2752, lng: 120.1561, radiusM: 300, address: '幸福里小区东门' } })
    expect(createCalls()[0][1]).not.toHaveProperty('description')
    r.unmount()
  })

  it('says so when the current position cannot be had', async () => {
    const r = await openForm()
    await click(r.q('activity-geofence'))
    await click(r.q('activity-use-here')) // the stub's getLocation is denied
    await flush()
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '未能获取当前位置，请检查定位权限，或手动填写经纬度' }))
    expect((r.q('activity-lat') as HTMLInputElement).value).toBe('')
    r.unmount()
  })

  it('sends no location when the check is off (the address goes into the description, as before)', async () => {
    const r = await openForm()
    await click(r.q('activity-geofence'))
    await typeInto(r.q('activity-lat'), '30.27415')
    await typeInto(r.q('activity-lng'), '120.15515')
    await click(r.q('activity-geofence')) // off again: the typed point is not sent
    expect(r.has('activity-lat')).toBe(false)
    await click(r.q('activity-submit'))
    await flush()
    expect(createCalls()).toEqual([
      [
        'activity.create',
        {
          ...FILLED,
          description: '地点：3 号楼架空层',
        },
      ],
    ])
    r.unmount()
  })
})

describe('geofence form checks', () => {
  it('parses plain decimal coordinates within range only', () => {
    expect(parseCoordinate(' 30.27415 ', 90)).toBe(30.27415)
    expect(parseCoordinate('-33.9', 90)).toBe(-33.9)
    expect(parseCoordinate('180', 180)).toBe(180)
    expect(parseCoordinate('90.0001', 90)).toBeNull()
    expect(parseCoordinate('1e2', 180)).toBeNull()
    expect(parseCoordinate('', 90)).toBeNull()
    expect(parseCoordinate('30,27', 90)).toBeNull()
  })

  it('names the bad longitude, and leaves out an empty address', () => {
    expect(checkGeofence({ latText: '30', lngText: '181', radiusM: 300, address: '' })).toEqual({
      ok: false,
      message: '经度应为 -180 到 180 之间的数字',
    })
    expect(checkGeofence({ latText: '30', lngText: '120', radiusM: 100, address: ' ' })).toEqual({
      ok: true,
      location: { lat: 30, lng: 120, radiusM: 100 },
    })
  })
})
