import type { MemberView } from '@/core/api-types'

/** How many matches the member search shows at once (a county has thousands of members). */
export const MAX_MATCHES = 20

/** Members whose name or phone (as shown to the admin, i.e. masked: the last four digits) contains the query, or whose 党员编号 it is. */
export function searchMembers(members: MemberView[], query: string): MemberView[] {
  const q = query.trim()
  if (!q) return []
  const digits = q.replace(/\s+/g, '')
  return members
    .filter((m) => m.name.includes(q) || (/^\d+$/.test(digits) && m.phone.includes(digits)) || m.id.toLowerCase() === q.toLowerCase())
    .slice(0, MAX_MATCHES)
}
