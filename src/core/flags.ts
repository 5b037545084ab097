// Why a check-in goes to review (docs/DESIGN.md#check-in-layers): one vocabulary for the server that sets flags and the app that
// explains them to people.
export const FLAG_TEXT = {
  no_location: '未获取位置',
  outside_radius: '不在活动地点附近',
  late_submit: '网络恢复后补交（签到码已过期）',
  static_code: '通过张贴的小程序码签到',
  auto_closed: '未签退，活动结束后系统自动签退',
  no_checkout: '未签退，按时长计分为 0',
  below_min_presence: '在场时长不足最低比例',
  backfill: '书记补录',
  claim: '自主申报（党员自行申报，需核对照片与说明）',
} as const

export type Flag = keyof typeof FLAG_TEXT

export const flagText = (flag: string): string => (Object.prototype.hasOwnProperty.call(FLAG_TEXT, flag) ? FLAG_TEXT[flag as Flag] : flag)
