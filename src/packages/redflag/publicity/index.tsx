import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import EmptyState from '@/components/EmptyState'
import Field from '@/components/Field'
import OptionPicker from '@/components/OptionPicker'
import PhotoPicker from '@/components/PhotoPicker'
import { RF_MAX_REPORT_PHOTOS } from '@/core/redflag'
import { useAction, useMe } from '@/hooks'
import { useBusy } from '@/hooks/useBusy'
import { callAction } from '@/services/api'
import { showInfo, showSuccess } from '@/services/feedback'
import { uploadPhoto } from '@/services/upload-photo'
import { cx, hook } from '@/utils/cx'
import { campaignYear } from '../shared'
import '../index.scss'

/**
 * 红旗小区 公示 (everyone signed in): the approved estates and the 公示 dates; anyone may file a 问题反映 (text, up to
 * 3 photos). Who filed it is seen by the county only.
 */
export default function Publicity() {
  const { me } = useMe()
  const year = campaignYear()
  const p = useAction('redflag.publicity', me ? { year } : null, [me?.openid])
  const [estate, setEstate] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const { busy, run } = useBusy()
  const d = p.data
  const listed = (d?.estates ?? []).filter((e) => !e.removed)

  const report = () =>
    run(async () => {
      if (!estate) return showInfo('请选择小区')
      if (text.trim().length < 5) return showInfo('请写明反映的问题（至少 5 个字）')
      const ids: string[] = []
      for (const path of photos) ids.push(await uploadPhoto(path, me?.openid ?? ''))
      await callAction('redflag.report', { year, estateBranchId: estate, text: text.trim(), photos: ids })
      showSuccess('已提交，县委组织部将核实答复')
      setText('')
      setPhotos([])
      await p.reload()
    })

  if (d === null) return <EmptyState title={`${year} 年度红旗小区尚未公示`} />
  if (!d) return <View className='page' />
  return (
    <View className='page rf'>
      <View className='card'>
        <Text className='rf__title'>{d.year} 年度红旗小区公示</Text>
        <Text className={cx('hint', hook('rf-publicity-dates'))}>
          {' '}
          公示期 {d.startOn} 至 {d.endOn}（{d.workingDays} 个工作日）
          {d.status === 'open' ? '，公示中' : d.status === 'ended' ? '，已结束' : '，未开始'}
        </Text>
        {d.estates.map((e) => (
          <View key={e.estateBranchId} className={cx('rf__row', hook('rf-publicity-estate'))}>
            <Text>{e.name}</Text>
            <Text className={e.removed ? 'rf__status' : ''}>{e.removed ? '经核实取消' : '拟命名'}</Text>
          </View>
        ))}
        <Text className='hint'>
          已收到问题反映 {d.reports} 件，待答复 {d.unanswered} 件{d.final ? '；名单已最终确定' : ''}
        </Text>
      </View>
      {d.status === 'open' ? (
        <View className='card'>
          <Text className='section-title'>问题反映</Text>
          <Field label='小区'>
            <OptionPicker options={listed.map((e) => ({ value: e.estateBranchId, label: e.name }))} value={estate} onChange={setEstate} />
          </Field>
          <Field label='反映内容（反映人信息仅县委组织部可见）'>
            <Textarea
              className={cx('field-textarea', hook('rf-report-text'))}
              value={text}
              maxlength={1000}
              onInput={(e) => setText(e.detail.value)}
            />
          </Field>
          <Field label={`照片（最多 ${RF_MAX_REPORT_PHOTOS} 张）`}>
            <PhotoPicker photos={photos} onChange={setPhotos} max={RF_MAX_REPORT_PHOTOS} hook='rf-report' />
          </Field>
          <Button className={cx('btn btn-primary', hook('rf-report-submit'))} disabled={busy || undefined} loading={busy} onClick={report}>
            提交问题反映
          </Button>
        </View>
      ) : null}
    </View>
  )
}
