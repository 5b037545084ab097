/** One entry of the audit trail: who did what to which record, with what it was before and after. */
export interface AuditDoc {
  _id: string
  at: number
  openid: string
  action: string
  target: string
  before?: unknown
  after?: unknown
}
