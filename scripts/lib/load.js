// Check-in load: `concurrency` clients, each with a request in flight at all times, over a fixed list of jobs
// (one member each), on keep-alive connections. Every outcome is recorded, network errors included.
const { request } = require('./http-client')

/**
 * jobs: [{ openid, memberId, token }]; qr(): the code currently on the screen.
 * onResult(result, state) may set state.stop = true to stop issuing new requests (in-flight ones finish or fail).
 * Resolves { results, wallMs } where results[i] answers jobs[i] (null if never sent).
 */
async function runCheckins({ port, agent, concurrency, jobs, qr, onResult, timeoutMs = 30000 }) {
  const results = new Array(jobs.length).fill(null)
  const state = { stop: false, inFlight: 0, sent: 0, done: 0 }
  let next = 0
  const t0 = process.hrtime.bigint()
  const worker = async () => {
    while (!state.stop && next < jobs.length) {
      const i = next++
      const job = jobs[i]
      state.inFlight++
      state.sent++
      const sentAt = Number(process.hrtime.bigint() - t0) / 1e6
      let r
      try {
        const res = await request({ port, path: '/api/activity.checkin', body: { code: qr() }, token: job.token, agent, timeoutMs })
        const env = res.body && typeof res.body === 'object' ? res.body : {}
        r = {
          i,
          memberId: job.memberId,
          status: res.status,
          ok: res.status === 200 && env.ok === true,
          attendanceId: env.ok ? env.data.attendanceId : undefined,
          repeated: env.ok ? env.data.repeated : undefined,
          error: env.ok ? undefined : env.error ? env.error.code : `HTTP ${res.status}`,
          ms: res.ms,
          sentAt,
        }
      } catch (e) {
        r = {
          i,
          memberId: job.memberId,
          status: 0,
          ok: false,
          error: e.code || e.message,
          ms: Number(process.hrtime.bigint() - t0) / 1e6 - sentAt,
          sentAt,
        }
      }
      state.inFlight--
      state.done++
      results[i] = r
      if (onResult) onResult(r, state)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker))
  return { results, wallMs: Number(process.hrtime.bigint() - t0) / 1e6 }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[k]
}

function median(values) {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

module.exports = { runCheckins, percentile, median }
