/**
 * Whether a bulk decision on ticked rows may be sent: something must be ticked, and a reason given where the
 * decision needs one (rejecting, revoking). Returns the toast to show instead, or null.
 */
export function bulkProblem(ticked: number, emptyHint: string, reason: string, reasonNeededFor: string | null): string | null {
  if (!ticked) return emptyHint
  if (reasonNeededFor && !reason.trim()) return `${reasonNeededFor}需填写理由`
  return null
}
