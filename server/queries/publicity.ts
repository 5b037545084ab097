// An estate's 公示 of a year: read by the 公示 itself, by appeals (only while it is open) and by finalisation.
import type { PublicityDoc } from '../model/year'

export const publicityId = (estateBranchId: string, year: number) => `PUB_${estateBranchId}_${year}`

export function publicityStatus(p: PublicityDoc, today: string): 'scheduled' | 'open' | 'ended' {
  return today < p.startOn ? 'scheduled' : today <= p.endOn ? 'open' : 'ended'
}
