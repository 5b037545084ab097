// 定稿 as a resumable job (docs/DESIGN.md#jobs): the county's 核算 phases (server/jobs/tally.ts), then ONE atomic
// write that locks the year (settings and audit in one transaction). Until that write the year is open and the job
// resumable; a half-done 定稿 never leaves a half-locked year. If the lock landed but the job's save did not (the
// step was killed in between), the repeated lock unit finds the year locked and only finishes.
import { shanghaiDate } from '../../src/core/working-days'
import { fail } from '../../src/core/errors'
import { auditDoc } from '../context/audit'
import { requireScope } from '../context/authz'
import type { Deps } from '../context/deps'
import { orgsUnder, requireCounty } from '../queries/orgs'
import { publicityId } from '../queries/publicity'
import { yearSettings } from '../queries/year-settings'
import type { JobKindDef, NewJob } from './runner'
import { finish } from './runner'
import { newTallyJob, tallyLabel, tallyPhaseUnit, type TallyParams, type TallyState } from './tally'

export const finaliseJobId = (year: number) => `JB_finalise_${year}`

/**
 * What 定稿 needs (CONFLICT otherwise): the year open, every estate with registered members past its 公示, no open
 * appeal. Checked when the job starts; the open appeals once more just before the lock.
 */
export async function assertFinalisable(deps: Deps, year: number, now: number): Promise<void> {
  const county = await requireCounty(deps.store)
  const settings = await yearSettings(deps.store, year)
  if (settings.locked) fail('CONFLICT', `${year} 年度已定稿`)
  const today = shanghaiDate(now)
  const estates = (await orgsUnder(deps.store, county)).filter((o) => o.kind === 'estate')
  const waiting: string[] = []
  for (const e of estates) {
    if ((await deps.store.count('members', { estateBranchId: e._id, status: 'active' })) === 0) continue
    const p = await deps.store.get('publicity', publicityId(e._id, year))
    if (!p || p.endOn >= today) waiting.push(e.name)
  }
  if (waiting.length) fail('CONFLICT', `以下小区的公示尚未结束，不能定稿：${waiting.join('、')}`, { estates: waiting })
  await assertNoOpenAppeals(deps, year)
}

async function assertNoOpenAppeals(deps: Deps, year: number): Promise<void> {
  const open = await deps.store.count('appeals', { year, status: 'open' })
  if (open) fail('CONFLICT', `还有 ${open} 条申诉未答复，不能定稿`)
}

/** The 定稿 job of a year (one per year: a second start joins the running one). */
export async function newFinaliseJob(deps: Deps, year: number, page?: number): Promise<NewJob<TallyParams, TallyState>> {
  const county = await requireCounty(deps.store)
  const tally = await newTallyJob(deps, year, county, page)
  return { ...tally, kind: 'finalise', id: finaliseJobId(year) }
}

export const finaliseKind: JobKindDef<TallyParams, TallyState> = {
  kind: 'finalise',
  label: (job) => {
    if (job.phase === 'lock') return '正在锁定年度 …'
    if (job.status === 'done') return `${job.params.year} 年度已定稿：${(job.counts.members ?? 0).toLocaleString('en-US')} 人`
    return tallyLabel(job)
  },
  async authorize(_job, ctx, deps) {
    requireScope(ctx, ['county_admin'], await requireCounty(deps.store), '年度定稿')
  },
  async unit(job, ctx, deps) {
    const { year } = job.params
    if (job.phase !== 'lock') {
      if (await tallyPhaseUnit(job, deps)) job.phase = 'lock'
      return
    }
    await assertNoOpenAppeals(deps, year)
    const at = deps.clock.now()
    const members = job.counts.members ?? 0
    await deps.store.transaction(async (tx) => {
      const cur = await yearSettings(tx, year)
      // Locked already: by this job's own earlier unit whose save was lost (the job then just finishes).
      if (cur.locked) return
      await tx.set('settings', { ...cur, locked: true, finalisedAt: at, finalisedBy: job.startedBy })
      await tx.create(
        'audit',
        auditDoc(
          { ...ctx, openid: job.startedBy, now: at },
          'year.finalise',
          `year_${year}`,
          { locked: false },
          { locked: true, members, job: job._id },
        ),
      )
    })
    job.phase = 'done'
    finish(job, at)
  },
}
