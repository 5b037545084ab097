// 红旗小区 评选 (docs/DESIGN.md#red-flag-estates): the pipeline up to the panel, then decision, 公示 and results.
export * from './decision'
export * from './pipeline'
