import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EntryView } from '@/core/api-types'
import { dateText, signedPoints } from '@/utils/format'
import StatusBadge from '../StatusBadge'
import './index.scss'
import { cx, hook } from '@/utils/cx'
import { a11y } from '@/utils/a11y'

export interface EntryListProps {
  entries: EntryView[]
  /** During 公示: offered on approved entries and rejected check-ins. */
  onAppeal?: (entry: EntryView) => void
}

const KIND_LABEL: Record<EntryView['kind'], string> = {
  activity: '志愿服务',
  reversal: '撤销',
  adjustment: '调整',
  deduction: '扣分',
  claim: '自主申报',
}

/** The member's 积分流水: what, when, under which rule item, how many points and where the review stands. */
export default function EntryList({ entries, onAppeal }: EntryListProps) {
  return (
    <View className='entry-list'>
      {entries.map((e) => (
        <View className={cx('entry-list__item', hook('points-entry', `points-entry--${e.status}`))} key={e.id}>
          <View className='entry-list__main'>
            <Text className='entry-list__title'>{e.title}</Text>
            <Text className='entry-list__meta'>
              {dateText(e.at)} · {e.itemName || KIND_LABEL[e.kind]}
              {e.category ? ` · ${e.category}` : ''}
              {/* Which adopted 积分明细 version scored it; adjustments (version 0) follow none. */}
              {e.rulesetVersion ? (
                <Text className={cx('entry-list__version', hook('entry-ruleset-version'))}> · 细则 v{e.rulesetVersion}</Text>
              ) : null}
            </Text>
            {e.status === 'rejected' && e.reason ? <Text className='entry-list__reason'>驳回理由：{e.reason}</Text> : null}
            {/* A deduction's evidence, so the member sees what it rests on (and can appeal it during 公示). */}
            {e.evidence ? <Text className={cx('entry-list__evidence', hook('entry-evidence'))}>佐证：{e.evidence}</Text> : null}
            {e.photos?.length ? (
              <View className='entry-list__photos'>
                {e.photos.map((url) => (
                  <Image
                    className={cx('entry-list__photo', hook('entry-photo'))}
                    key={url}
                    src={url}
                    mode='aspectFill'
                    lazyLoad
                    onClick={() => Taro.previewImage({ current: url, urls: e.photos ?? [] })}
                  />
                ))}
              </View>
            ) : null}
          </View>
          <View className='entry-list__side'>
            <Text className={cx('entry-list__points', e.points < 0 && 'entry-list__points--neg')}>{signedPoints(e.points)}</Text>
            <StatusBadge status={e.status} />
            {onAppeal && (e.status === 'approved' || e.status === 'rejected') ? (
              <Text
                {...a11y('button', { label: '对这条积分提出申诉' })}
                className={cx('entry-list__appeal', hook('points-entry-appeal'))}
                onClick={() => onAppeal(e)}
              >
                申诉 ›
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  )
}
