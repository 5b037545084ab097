import { Text, View } from '@tarojs/components'
import type { ScoreMine } from '@/core/api-types'
import { dateText, score2, weightPct } from '@/utils/format'
import './index.scss'
import { cx, hook } from '@/utils/cx'

export interface ScoreCardProps {
  score: ScoreMine
}

const BAND_CLASS: Record<string, string> = { 优秀: 'excellent', 合格: 'good', 基本合格: 'fair', 不合格: 'poor' }

/** The year's total with its band, and the two weighted halves with where each came from. */
export default function ScoreCard({ score }: ScoreCardProps) {
  const { unitSource, estateSource, weights } = score
  return (
    <View className='score-card'>
      <Text className='score-card__caption'>{score.year} 年度双积分总分</Text>
      {score.complete && score.total !== null ? (
        <View className='score-card__total-row'>
          <Text className={cx('score-card__total nowrap', hook('points-total'))}>{score2(score.total)}</Text>
          {score.band ? (
            <Text className={cx('score-card__band', `score-card__band--${BAND_CLASS[score.band] ?? 'other'}`, hook('points-band'))}>
              {score.band}
            </Text>
          ) : null}
        </View>
      ) : (
        <View className={cx('score-card__incomplete', hook('points-incomplete'))}>
          <Text className='score-card__incomplete-title'>未完成 — 单位积分尚未录入</Text>
          <Text className='score-card__incomplete-hint'>单位党支部录入单位积分后，这里会显示年度总分和等次。</Text>
        </View>
      )}
      {score.rankInEstate ? (
        <Text className={cx('score-card__rank', hook('points-rank'))}>
          本小区排名第 {score.rankInEstate} 名{score.estateMembers ? `（共 ${score.estateMembers} 人，仅本人可见）` : '（仅本人可见）'}
        </Text>
      ) : null}

      <View className='score-card__halves'>
        <View className={cx('score-card__half', hook('points-unit-half'))}>
          <Text className='score-card__half-name'>单位积分</Text>
          <Text className='score-card__half-value'>
            <Text className='nowrap'>{score.unitScore === null ? '未录入' : score2(score.unitScore)}</Text>
            <Text className='score-card__weight nowrap'> × {weightPct(weights.unit)}</Text>
          </Text>
          <Text className='score-card__source'>
            {unitSource
              ? [
                  `${unitSource.unitBranchName ?? '单位党支部'}录入：`,
                  <Text key='raw' className='nowrap'>{`${score2(unitSource.raw)} / ${score2(unitSource.fullScale)}`}</Text>,
                  `（${unitSource.enteredByName}，`,
                  <Text key='at' className='nowrap'>
                    {dateText(unitSource.enteredAt)}
                  </Text>,
                  '）',
                ]
              : '等待单位党支部录入'}
          </Text>
        </View>
        <View className={cx('score-card__half', hook('points-estate-half'))}>
          <Text className='score-card__half-name'>小区积分</Text>
          <Text className='score-card__half-value'>
            <Text className='nowrap'>{score2(score.estateScore)}</Text>
            <Text className='score-card__weight nowrap'> × {weightPct(weights.estate)}</Text>
          </Text>
          <Text className='score-card__source'>
            {`${estateSource.estateBranchName ?? '小区党支部'}`}
            {estateSource.rulesetVersion ? ` · 积分明细第 ${estateSource.rulesetVersion} 版` : ' · 积分明细尚未通过'}
            {' · 基础分 '}
            <Text className='nowrap'>{score2(estateSource.baseScore)}</Text>
            {'，满分 '}
            <Text className='nowrap'>{score2(estateSource.fullScore)}</Text>
          </Text>
        </View>
      </View>
    </View>
  )
}
