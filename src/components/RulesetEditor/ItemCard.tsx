import { Input, Text, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import { cx, hook } from '@/utils/cx'
import type { DraftItem } from './draft'
import { a11y } from '@/utils/a11y'

export interface ItemCardProps {
  item: DraftItem
  /** Its place in the list, from 1. */
  no: number
  onChange: (patch: Partial<DraftItem>) => void
  onRemove: () => void
}

/** One 细则 in the editor: code, name, category, points, yearly cap and its three switches. */
export default function ItemCard({ item: i, no, onChange, onRemove }: ItemCardProps) {
  return (
    <View className={cx('card ruleset__edit-item', hook('ruleset-item', `ruleset-item--${i.key}`))}>
      <View className='ruleset__edit-head'>
        <Text className='ruleset__edit-no'>第 {no} 条</Text>
        <Text {...a11y('button', { label: '删除这一项' })} className={cx('link', hook('ruleset-item-remove'))} onClick={onRemove}>
          删除
        </Text>
      </View>
      <View className='ruleset__pair'>
        <View className='ruleset__cell ruleset__cell--narrow'>
          <Text className='ruleset__label'>编号</Text>
          <Input
            className={cx('field-input', hook('ruleset-item-code'))}
            value={i.code}
            maxlength={64}
            placeholder='如 V04'
            onInput={(e) => onChange({ code: e.detail.value })}
          />
        </View>
        <View className='ruleset__cell'>
          <Text className='ruleset__label'>名称</Text>
          <Input
            className={cx('field-input', hook('ruleset-item-name'))}
            value={i.name}
            maxlength={40}
            placeholder='如 楼道清洁'
            onInput={(e) => onChange({ name: e.detail.value })}
          />
        </View>
      </View>
      <View className='ruleset__pair'>
        <View className='ruleset__cell'>
          <Text className='ruleset__label'>类别</Text>
          <Input
            className={cx('field-input', hook('ruleset-item-category'))}
            value={i.category}
            maxlength={40}
            placeholder='如 志愿服务'
            onInput={(e) => onChange({ category: e.detail.value })}
          />
        </View>
        <View className='ruleset__cell ruleset__cell--narrow'>
          <Text className='ruleset__label'>{i.perHour ? '分值/小时' : '分值/次'}</Text>
          <Input
            className={cx('field-input', hook('ruleset-item-points'))}
            type='text'
            value={i.points}
            maxlength={7}
            placeholder='扣分填负数'
            onInput={(e) => onChange({ points: e.detail.value })}
          />
        </View>
      </View>
      <View className='ruleset__cell'>
        <Text className='ruleset__label'>年度上限（不限则留空）</Text>
        <Input
          className={cx('field-input', hook('ruleset-item-cap'))}
          type='digit'
          value={i.capPerYear}
          maxlength={6}
          onInput={(e) => onChange({ capPerYear: e.detail.value })}
        />
      </View>
      <View className='ruleset__checks'>
        <CheckBox className={hook('ruleset-item-perhour')} checked={i.perHour} onChange={(v) => onChange({ perHour: v })} label='按小时计分' />
        <CheckBox
          className={hook('ruleset-item-approval')}
          checked={i.requiresApproval}
          onChange={(v) => onChange({ requiresApproval: v })}
          label='需要审核'
        />
        <CheckBox
          className={hook('ruleset-item-evidence')}
          checked={i.evidenceRequired}
          onChange={(v) => onChange({ evidenceRequired: v })}
          label='需要佐证'
        />
      </View>
    </View>
  )
}
