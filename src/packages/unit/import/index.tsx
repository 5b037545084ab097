import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ScopeGate from '@/components/ScopeGate'
import ScopeBar from '@/components/ScopeBar'
import Skeleton from '@/components/Skeleton'
import YearSwitch from '@/components/YearSwitch'
import { useScope } from '@/hooks'
import { showInfo } from '@/services/feedback'
import { cx, hook } from '@/utils/cx'
import { UNIT_SCORES_URL } from '@/utils/routes'
import PreviewView from './PreviewView'
import SheetPicker from './SheetPicker'
import { type ImportTotals, type Loaded, useUnitImport } from './useUnitImport'
import './index.scss'

/**
 * 单位积分导入: the unit's own sheet (.xlsx or .csv) is read on the phone, previewed by the server against the
 * branch's members, and only the rows that matched are saved — after the secretary has seen the problems.
 */
export default function UnitImport() {
  const scope = useScope('unit_secretary')
  const im = useUnitImport(scope.scopeId)

  return (
    <ScopeGate scope={scope} empty={{ title: '仅单位党支部书记可用', hint: '单位积分由单位党支部书记录入或导入。' }}>
      {() => (
        <View className='page unit-import'>
          <ScopeBar label='单位党支部' scopes={scope.scopes} scopeId={scope.scopeId} onChange={scope.setScopeId} />
          <YearSwitch year={im.year} onChange={im.setYear} />
          <View className='card'>
            <Text className='unit-import__title'>从表格导入</Text>
            <Text className='hint unit-import__how'>
              用本单位原有的积分表即可（.xlsx 或
              .csv）。第一行写表头：姓名、手机号（或党员编号）、积分，可选“满分”列。系统先预览匹配结果，确认后才保存。
            </Text>
            <View className='unit-import__scale'>
              <Text className='unit-import__scale-label'>单位满分（表中无“满分”列时）</Text>
              <Input
                className={cx('field-input unit-import__scale-input', hook('import-scale'))}
                type='digit'
                value={im.scaleText}
                maxlength={8}
                onInput={(e) => im.setScaleText(e.detail.value)}
              />
            </View>
            <SheetPicker
              className={hook('import-pick')}
              label={im.loaded ? '重新选择文件' : '选择文件（.xlsx / .csv）'}
              disabled={im.previewing || im.importing}
              onPicked={(f) => void im.onPicked(f)}
              onError={(m) => showInfo(m)}
            />
            {im.loaded ? <Text className={cx('muted unit-import__file', hook('import-file'))}>已选：{im.loaded.fileName}</Text> : null}
          </View>

          {im.done ? <DoneCard done={im.done} /> : null}
          {im.loaded?.errors.length ? <FileErrors loaded={im.loaded} /> : null}

          {im.previewing ? <Skeleton cards={2} /> : null}
          {im.loaded && im.stale ? (
            <View className={cx('notice', hook('import-stale'))}>
              年度或满分已改动，请重新预览。
              <Button className={cx('btn btn-plain', hook('import-repreview'))} onClick={im.repreview}>
                重新预览
              </Button>
            </View>
          ) : null}
          {im.preview && !im.stale ? <PreviewView preview={im.preview} busy={im.importing} onConfirm={im.confirmImport} /> : null}
        </View>
      )}
    </ScopeGate>
  )
}

function DoneCard({ done }: { done: ImportTotals }) {
  return (
    <View className={cx('card unit-import__done', hook('import-done'))}>
      <Text className='unit-import__title'>导入完成</Text>
      <Text>
        已保存 {done.imported} 人的单位积分（新录入 {done.created}，更新 {done.updated}）。
      </Text>
      <Button className={cx('btn btn-plain', hook('import-view-scores'))} onClick={() => Taro.redirectTo({ url: UNIT_SCORES_URL })}>
        查看单位积分
      </Button>
    </View>
  )
}

/** Why the file as a whole cannot be imported (wrong format, too many rows, no header). */
function FileErrors({ loaded }: { loaded: Loaded }) {
  return (
    <View className={cx('card unit-import__bad', hook('import-file-errors'))}>
      <Text className='unit-import__bad-title'>这个文件无法导入</Text>
      {loaded.errors.map((e) => (
        <Text className='unit-import__bad-line' key={e}>
          {e}
        </Text>
      ))}
    </View>
  )
}
