// The organisation's roles and kinds of org node, shared by the action table and the result shapes.
export const ROLES = ['member', 'estate_secretary', 'unit_secretary', 'community_admin', 'street_admin', 'county_admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  member: '在职党员',
  estate_secretary: '小区党支部书记',
  unit_secretary: '单位党支部书记',
  community_admin: '社区党总支',
  street_admin: '街道党工委',
  county_admin: '县委组织部',
}

export const ORG_KINDS = ['county', 'street', 'community', 'estate', 'unit', 'unitBranch'] as const
export type OrgKind = (typeof ORG_KINDS)[number]
