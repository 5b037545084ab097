import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DutyReportView } from '@/core/api-types'
import { a11y } from '@/utils/a11y'
import { cx, hook } from '@/utils/cx'
import { DUTY_STATUS_LABEL, gradeLabel } from '@/utils/duty-report'
import { dateTimeText } from '@/utils/format'
// The thumbnails look like the photo picker's wherever they are shown (the read page has no picker).
import '../../components/PhotoPicker/index.scss'

/** Where a report stands: 未报 / 已报 (version, when) / 已阅 with the grade and the comment. */
export function ReportStatus({ view }: { view: DutyReportView }) {
  return (
    <View className={cx('card', hook('duty-status'))}>
      <View className='section-title'>
        <Text>
          {view.orgName} · {view.year} 年度述职
        </Text>
        <Text className={cx('status-badge', `status-badge--${view.status === 'read' ? 'approved' : 'pending'}`, hook('duty-status-label'))}>
          {DUTY_STATUS_LABEL[view.status]}
        </Text>
      </View>
      <Text className='muted'>
        报送：{view.parentName}
        {view.submittedAt ? `　第 ${view.version} 版，${dateTimeText(view.submittedAt)} 提交` : ''}
      </Text>
      {view.read ? (
        <View className={hook('duty-read')}>
          <Text>
            等次：<Text className={hook('duty-grade')}>{gradeLabel(view.read.grade)}</Text>（阅定第 {view.read.version} 版，
            {dateTimeText(view.read.at)}）
          </Text>
          <Text className={cx('hint', hook('duty-comment'))}>评语：{view.read.comment}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** The attachments of a report as thumbnails that enlarge; `onRemove` adds a × to each (while revising). */
export function Attachments({ items, onRemove }: { items: { id: string; url: string }[]; onRemove?: (id: string) => void }) {
  if (!items.length) return null
  const urls = items.map((a) => a.url).filter(Boolean)
  return (
    <View className='photo-picker'>
      {items.map((a, i) => (
        <View className={cx('photo-picker__photo', hook('duty-attachment'))} key={a.id}>
          <Image className='photo-picker__img' src={a.url} mode='aspectFill' onClick={() => Taro.previewImage({ current: a.url, urls })} />
          {onRemove ? (
            <View
              {...a11y('button', { label: `删除第 ${i + 1} 个附件` })}
              className={cx('photo-picker__remove', hook('duty-attachment-remove'))}
              onClick={() => onRemove(a.id)}
            >
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** Every version submitted, kept: the current one last. */
export function Versions({ view }: { view: DutyReportView }) {
  if (view.versions.length < 2) return null
  return (
    <View className={cx('card', hook('duty-versions'))}>
      <Text className='section-title'>修改记录</Text>
      {view.versions.map((v) => (
        <View key={v.version} className={hook('duty-version')}>
          <Text className='muted'>
            第 {v.version} 版 · {dateTimeText(v.at)} · {v.text.length} 字{v.attachments ? ` · ${v.attachments} 个附件` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
