// The organisation's roles and kinds of org node, shared by the action table and the result shapes.
export const ROLES = ['member', 'estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin', 'panel_reviewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  member: '在职党员',
  estate_secretary: '小区党支部书记',
  unit_secretary: '单位党支部书记',
  community_admin: '社区党总支',
  street_admin: '街道党工委',
  county_admin: '县委组织部',
  panel_reviewer: '红旗小区评选组成员',
}

/**
 * The departments a 红旗小区 评选组 member comes from (docs/DESIGN.md#red-flag-estates): named by the county admin with
 * the panel_reviewer grant, which is always on the county.
 */
export const PANEL_DEPARTMENTS = ['县委组织部', '纪委监委', '政法委', '宣传部', '住建局', '城市管理局', '民政局', '公安局'] as const
export type PanelDepartment = (typeof PANEL_DEPARTMENTS)[number]

export const ORG_KINDS = ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'] as const
export type OrgKind = (typeof ORG_KINDS)[number]
