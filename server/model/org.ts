// The organisation tree, the members in it, and who holds which role where.
import type { OrgKind, Role } from '../../src/core/contracts'
import type { MemberStatus, MoveStatus } from '../../src/core/api-types'

/** The root of the org tree; every other org's path starts with it. */
export const COUNTY_ID = 'county'

export interface OrgDoc {
  _id: string
  kind: OrgKind
  name: string
  parentId: string | null
  /** Ancestor ids, root first, excluding itself. */
  path: string[]
}

export interface MemberDoc {
  _id: string
  name: string
  phone: string
  unitBranchId: string
  estateBranchId: string | null
  status: MemberStatus
  openid: string | null
  inDirectory: boolean
  registeredAt?: number
  reviewedBy?: string
  reviewReason?: string
  /** Earlier branches, kept when a member moves. */
  history?: { estateBranchId: string | null; unitBranchId: string; until: number }[]
  updatedAt: number
}

/** Which member an openid registered as; `_id` is the openid. */
export interface BindingDoc {
  _id: string
  memberId: string
  at: number
}

export interface GrantDoc {
  _id: string
  openid: string
  role: Role
  scopeId: string
  /** A panel_reviewer's department (红旗小区 评选组). */
  department?: string
}

/** A request to move estate or unit branch; one per member, the latest (earlier ones live on in the audit). */
export interface MoveDoc {
  _id: string
  memberId: string
  from: { estateBranchId: string | null; unitBranchId: string }
  to: { estateBranchId: string | null; unitBranchId: string }
  /** The estate whose secretary decides: the destination, or the member's own for a change of unit only. */
  deciderEstateId: string
  reason: string
  status: MoveStatus
  answer?: string
  decidedBy?: string
  decidedAt?: number
  createdAt: number
}
