import { Button, Text, View } from '@tarojs/components'
import type { UnitScorePreview } from '@/core/api-types'
import { cx, hook } from '@/utils/cx'
import { score2 } from '@/utils/format'
import { overwrites } from './useUnitImport'

interface PreviewProps {
  preview: UnitScorePreview
  busy: boolean
  onConfirm: () => void
}

/** The server's preview: counts, the rows that will not be imported and why, the matched rows, who is still missing. */
export default function PreviewView({ preview, busy, onConfirm }: PreviewProps) {
  const { matched, problems, unscored } = preview
  return (
    <View className={hook('import-preview')}>
      <View className={cx('unit-import__stats', hook('import-summary'))}>
        <Stat value={matched.length} label='可导入' hookClass={hook('import-matched-count')} />
        <Stat value={problems.length} label='有问题' hookClass={hook('import-problem-count')} bad={problems.length > 0} />
        <Stat value={unscored.length} label='仍未录入' hookClass={hook('import-unscored-count')} />
      </View>
      {problems.length ? <Problems problems={problems} /> : null}
      <Matched matched={matched} />
      {unscored.length ? <Unscored unscored={unscored} /> : null}
      <View className='unit-import__actions'>
        <Button
          className={cx('btn btn-primary', hook('import-confirm'))}
          disabled={busy || matched.length === 0 || undefined}
          loading={busy}
          onClick={onConfirm}
        >
          确认导入 {matched.length} 人
        </Button>
      </View>
    </View>
  )
}

/** One count of the summary; `hookClass` is the test hook of its number. */
function Stat({ value, label, hookClass, bad = false }: { value: number; label: string; hookClass: string; bad?: boolean }) {
  return (
    <View className={cx('unit-import__stat', bad && 'unit-import__stat--bad')}>
      <Text className={cx('unit-import__stat-num', hookClass)}>{value}</Text>
      <Text className='muted'>{label}</Text>
    </View>
  )
}

function Problems({ problems }: { problems: UnitScorePreview['problems'] }) {
  return (
    <View className={cx('card unit-import__bad', hook('import-problems'))}>
      <Text className='unit-import__bad-title'>以下 {problems.length} 行有问题，不会导入</Text>
      {problems.map((p) => (
        <View className={cx('unit-import__problem', hook('import-problem'))} key={`${p.line}-${p.reason}`}>
          <Text className='unit-import__line'>第 {p.line} 行</Text>
          <View className='unit-import__problem-main'>
            <Text className='unit-import__who'>{[p.name, p.phone, p.memberId].filter(Boolean).join(' · ') || '（无姓名）'}</Text>
            <Text className={cx('unit-import__reason', hook('import-problem-reason'))}>{p.reason}</Text>
          </View>
        </View>
      ))}
      <Text className='hint'>改正表格后重新选择文件即可；已匹配的行也可以先导入。</Text>
    </View>
  )
}

function Matched({ matched }: { matched: UnitScorePreview['matched'] }) {
  return (
    <View className={cx('card', hook('import-matched'))}>
      <Text className='unit-import__title'>匹配成功 {matched.length} 人</Text>
      {matched.length === 0 ? (
        <Text className='hint'>没有可以导入的行：请核对姓名、手机号是否与本支部名册一致。</Text>
      ) : (
        matched.map((m) => {
          const changes = overwrites(m)
          return (
            <View className={cx('unit-import__row', hook('import-row'))} key={m.memberId}>
              <View className='unit-import__row-main'>
                <Text className='unit-import__name'>{m.name}</Text>
                <Text className='muted'>
                  第 {m.line} 行 · {score2(m.raw)} / {score2(m.fullScale)}
                </Text>
              </View>
              <View className='unit-import__row-side'>
                <Text className='unit-import__score'>{score2(m.unitScore)}</Text>
                <Text className={cx('unit-import__prev', changes && 'unit-import__prev--changed')}>
                  {m.previous === null ? '新录入' : changes ? `原 ${score2(m.previous)}` : '与原值相同'}
                </Text>
              </View>
            </View>
          )
        })
      )}
    </View>
  )
}

function Unscored({ unscored }: { unscored: UnitScorePreview['unscored'] }) {
  return (
    <View className={cx('card', hook('import-unscored'))}>
      <Text className='unit-import__title'>仍未录入单位积分 {unscored.length} 人</Text>
      <Text className='hint'>表中没有、此前也没有录入。他们的年度总分会显示为“未完成”。</Text>
      <View className='unit-import__names'>
        {unscored.map((u) => (
          <Text className={cx('unit-import__chip', hook('import-unscored-name'))} key={u.memberId}>
            {u.name}
          </Text>
        ))}
      </View>
    </View>
  )
}
