import { Button, Input, Text, View } from '@tarojs/components'
import type { ActivityView } from '@/core/api-types'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import { platform } from '@/services/platform'
import { cx, hook } from '@/utils/cx'
import { dateTimeText } from '@/utils/format'
import type { useCheckin } from './useCheckin'

type Form = ReturnType<typeof useCheckin>

/** The QR code: scanned with the camera in WeChat, pasted as text in a browser. */
export function ScanCard({ form }: { form: Form }) {
  const { busy, verb, qr } = form
  return (
    <View className='card'>
      {platform.scansCodes ? (
        <Button className={cx('btn btn-primary checkin__scan', hook('checkin-scan-button'))} disabled={busy || undefined} onClick={qr.scan}>
          扫码{verb}
        </Button>
      ) : (
        <View className='checkin__paste'>
          <Text className='field-label'>粘贴二维码内容</Text>
          <Input
            className={cx('field-input', hook('checkin-qr-input'))}
            value={qr.text}
            placeholder='粘贴二维码内容'
            maxlength={200}
            onInput={(e) => qr.setText(e.detail.value)}
            onConfirm={qr.submit}
          />
          <Button className={cx('btn btn-primary', hook('checkin-qr-submit'))} disabled={busy || undefined} onClick={qr.submit}>
            提交{verb}
          </Button>
        </View>
      )}
      <Text className='hint checkin__hint'>扫描书记手机或大屏上的二维码；二维码约 30 秒更换一次。</Text>
    </View>
  )
}

/** The fallback when the code cannot be scanned: pick the activity, type the 6 digits shown under the QR code. */
export function ShortCodeCard({ form }: { form: Form }) {
  const { busy, verb, short, choices } = form
  const options = choices.map((a: ActivityView) => ({ value: a.id, label: `${a.title}（${dateTimeText(a.startAt)}）` }))
  return (
    <View className='card'>
      <Text className='checkin__section-title'>扫不了码？输入 6 位签到码</Text>
      <Field label='活动'>
        <OptionPicker
          className={hook('checkin-activity-picker')}
          options={options}
          value={short.activityId}
          onChange={short.setActivityId}
          placeholder='选择正在进行的活动'
        />
      </Field>
      <Field label='签到码'>
        <Input
          className={cx('field-input checkin__short', hook('checkin-shortcode-input'))}
          type='number'
          value={short.code}
          maxlength={6}
          placeholder='6 位数字'
          onInput={(e) => short.setCode(e.detail.value.replace(/\D/g, ''))}
          onConfirm={short.submit}
        />
      </Field>
      <Button className={cx('btn btn-plain', hook('checkin-shortcode-submit'))} disabled={busy || undefined} onClick={short.submit}>
        {busy ? '提交中…' : `提交${verb}`}
      </Button>
    </View>
  )
}
