import { Button, Input, Text, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import { pickPlaceOnMap } from '@/services/pick-location'
import { cx, hook } from '@/utils/cx'
import { coordText, RADIUS_CHOICES } from './geofence'
import type { GeofenceState } from './useGeofence'

/** 签到地点范围: off, or a point (map pick, current location or typed) with a radius. */
export default function GeofenceField({ g }: { g: GeofenceState }) {
  return (
    <Field label='签到地点范围（选填）' className='activity-new__geofence'>
      <CheckBox
        className={hook('activity-geofence')}
        checked={g.enabled}
        onChange={g.setEnabled}
        label='核对签到位置（不在范围内的签到转人工审核）'
      />
      {g.enabled ? (
        <View className='activity-new__geofence-body'>
          <View className='btn-row activity-new__geo-actions'>
            {pickPlaceOnMap ? (
              <Button className={cx('btn btn-plain', hook('activity-pick-map'))} onClick={g.pickOnMap}>
                在地图上选点
              </Button>
            ) : null}
            <Button
              className={cx('btn btn-plain', hook('activity-use-here'))}
              disabled={g.locating || undefined}
              loading={g.locating}
              onClick={g.fillFromHere}
            >
              使用我当前的位置
            </Button>
          </View>
          <View className='activity-new__coords'>
            <View className='activity-new__coord'>
              <Text className='activity-new__coord-label'>纬度</Text>
              <Input
                className={cx('field-input', hook('activity-lat'))}
                type='digit'
                value={g.latText}
                maxlength={20}
                placeholder='如 30.27415'
                onInput={g.typeLat}
              />
            </View>
            <View className='activity-new__coord activity-new__coord--last'>
              <Text className='activity-new__coord-label'>经度</Text>
              <Input
                className={cx('field-input', hook('activity-lng'))}
                type='digit'
                value={g.lngText}
                maxlength={20}
                placeholder='如 120.15515'
                onInput={g.typeLng}
              />
            </View>
          </View>
          <View className='activity-new__radius'>
            <Text className='activity-new__coord-label'>签到半径</Text>
            <OptionPicker
              className={hook('activity-radius')}
              options={RADIUS_CHOICES.map((m) => ({ value: String(m), label: `${m} 米` }))}
              value={String(g.radiusM)}
              onChange={(v) => g.setRadiusM(Number(v))}
            />
          </View>
          {g.point ? (
            <View className={cx('activity-new__summary', hook('activity-geofence-summary'))}>
              {g.placeName ? <Text className={cx('activity-new__place', hook('activity-geofence-place'))}>{g.placeName}</Text> : null}
              <Text className={cx('activity-new__point', hook('activity-geofence-point'))}>
                {`坐标 ${coordText(g.point.lat)}, ${coordText(g.point.lng)} · 半径 ${g.radiusM} 米`}
              </Text>
            </View>
          ) : (
            <Text className='hint activity-new__summary'>尚未设置签到地点</Text>
          )}
          <Text className='hint activity-new__coord-hint'>
            {pickPlaceOnMap
              ? '到场党员签到时会附带位置，距活动地点超出半径的签到转人工审核。'
              : '手动填写请使用腾讯/高德地图上的坐标（GCJ-02，与小程序签到一致）；“使用我当前的位置”已自动换算为同一坐标系。'}
          </Text>
        </View>
      ) : null}
    </Field>
  )
}
