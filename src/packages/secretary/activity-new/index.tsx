import { Button, Input, Textarea, View } from '@tarojs/components'
import CheckBox from '@/components/CheckBox'
import ScopeGate from '@/components/ScopeGate'
import Field from '@/components/Field'
import ScopeBar from '@/components/ScopeBar'
import { useScope } from '@/hooks'
import { cx, hook } from '@/utils/cx'
import Created from './Created'
import GeofenceField from './GeofenceField'
import { ItemField, TimeFields } from './ScheduleFields'
import { useActivityForm } from './useActivityForm'
import './index.scss'

/** 发布活动: an estate secretary creates a volunteer activity scored by one 细则 of the adopted rule set. */
export default function ActivityNew() {
  const scope = useScope('estate_secretary')
  const f = useActivityForm(scope.scopeId)

  return (
    <ScopeGate scope={scope} empty={{ title: '仅小区党支部书记可发布活动', hint: '如需开通，请联系社区党总支。' }}>
      {() =>
        f.created ? (
          <Created created={f.created} onAgain={f.again} />
        ) : (
          <View className='page activity-new'>
            <ScopeBar label='小区党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
            <View className='card'>
              <Field label='活动名称'>
                <Input
                  className={cx('field-input', hook('activity-title'))}
                  value={f.title}
                  maxlength={40}
                  placeholder='如：周末楼道清洁'
                  onInput={(e) => f.setTitle(e.detail.value)}
                />
              </Field>
              <TimeFields f={f} />
              <ItemField f={f} />
              <Field label='地点（选填）'>
                <Input
                  className={cx('field-input', hook('activity-address'))}
                  value={f.address}
                  maxlength={100}
                  placeholder='如：3 号楼架空层'
                  onInput={(e) => f.setAddress(e.detail.value)}
                />
              </Field>
              <GeofenceField g={f.geofence} />
              <Field label='人数上限（选填）'>
                <Input
                  className={cx('field-input', hook('activity-capacity'))}
                  type='number'
                  value={f.capacity}
                  maxlength={5}
                  placeholder='不填则不限'
                  onInput={(e) => f.setCapacity(e.detail.value)}
                />
              </Field>
              <Field label='活动说明（选填）'>
                <Textarea
                  className={cx('field-textarea', hook('activity-description'))}
                  value={f.description}
                  maxlength={1000}
                  placeholder='集合地点、携带物品等'
                  onInput={(e) => f.setDescription(e.detail.value)}
                />
              </Field>
              <View className='field'>
                <CheckBox
                  className={hook('activity-require-checkout')}
                  checked={f.requireCheckout}
                  onChange={f.setRequireCheckout}
                  label='需要签退（按时长计分的活动）'
                />
              </View>
              <View className='field'>
                <CheckBox className={hook('activity-draft')} checked={f.draft} onChange={f.setDraft} label='先存为草稿，暂不发布' />
              </View>
              <Button
                className={cx('btn btn-primary', hook('activity-submit'))}
                disabled={f.busy || !f.items.length || undefined}
                loading={f.busy}
                onClick={f.submit}
              >
                {f.draft ? '保存草稿' : '发布活动'}
              </Button>
            </View>
          </View>
        )
      }
    </ScopeGate>
  )
}
