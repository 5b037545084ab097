// The rows the community, the street and the panel read of an application: its frozen figures and its
// self-assessment per criterion (shared.ts says what the rows are; these say how they look).
import { Text, View } from '@tarojs/components'
import type { RfApplicationView, RfSnapshotView } from '@/core/api-types'
import { hook } from '@/utils/cx'
import { assessmentRows, snapshotRows } from './shared'

export function SnapshotRows({ snapshot }: { snapshot: RfSnapshotView | null | undefined }) {
  if (!snapshot) return null
  return (
    <>
      {snapshotRows(snapshot).map(([k, v]) => (
        <View key={k} className='rf__row'>
          <Text className='hint'>{k}</Text>
          <Text>{v}</Text>
        </View>
      ))}
    </>
  )
}

export function AssessmentRows({
  application,
  criteria,
}: {
  application: Pick<RfApplicationView, 'assessment'>
  criteria: { code: string; name: string }[] | undefined
}) {
  return (
    <>
      {assessmentRows(application, criteria).map(([k, v]) => (
        <View key={k} className={hook('rf-assessment')}>
          <Text className='hint'>{k}：</Text>
          <Text>{v}</Text>
        </View>
      ))}
    </>
  )
}
