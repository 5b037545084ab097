import Taro from '@tarojs/taro'
import { pickPlaceOnMap } from './pick-location.weapp'

const chooseLocation = jest.fn()
beforeAll(() => {
  ;(Taro as unknown as { chooseLocation: jest.Mock }).chooseLocation = chooseLocation
})

describe('pickPlaceOnMap (weapp)', () => {
  const pick = pickPlaceOnMap as NonNullable<typeof pickPlaceOnMap>

  it('answers the chosen GCJ-02 point with its name and address, opening near a given point', async () => {
    chooseLocation.mockResolvedValueOnce({
      latitude: 30.2752,
      longitude: 120.1561,
      name: '幸福里小区东门',
      address: '杭州市幸福路 1 号',
      errMsg: 'chooseLocation:ok',
    })
    expect(await pick({ lat: 30.27, lng: 120.15 })).toEqual({ lat: 30.2752, lng: 120.1561, name: '幸福里小区东门', address: '杭州市幸福路 1 号' })
    expect(chooseLocation).toHaveBeenLastCalledWith({ latitude: 30.27, longitude: 120.15 })
  })

  it('answers null when cancelled, and a Chinese message on other failures', async () => {
    chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail cancel' })
    expect(await pick()).toBeNull()
    chooseLocation.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail auth deny' })
    await expect(pick()).rejects.toThrow('无法打开地图选点')
  })
})
