// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function, and inclusive time of a few functions
// of interest, so a benchmark can say where the backend's time goes.
const fs = require('node:fs')
const path = require('node:path')

function load(file) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8'))
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const self = new Map()
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000)
  }
  const parent = new Map()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  return { p, byId, self, parent, totalMs: (p.endTime - p.startTime) / 1000 }
}

const label = (n) => {
  const f = n.callFrame
  const file = f.url ? path.basename(f.url.replace(/^file:\/\//, '')) : ''
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`
}

/** Top functions by self time; inclusive time for each name in `inclusive` (counted once per sample). */
function summarise(file, { top = 20, inclusive = [] } = {}) {
  const { byId, self, parent, totalMs } = load(file)
  const bySelf = new Map()
  let sampled = 0
  for (const [id, ms] of self) {
    const k = label(byId.get(id))
    bySelf.set(k, (bySelf.get(k) ?? 0) + ms)
    sampled += ms
  }
  const incl = new Map(inclusive.map((name) => [name, 0]))
  for (const [id, ms] of self) {
    const seen = new Set()
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur).callFrame.functionName
      if (incl.has(name) && !seen.has(name)) {
        seen.add(name)
        incl.set(name, incl.get(name) + ms)
      }
    }
  }
  const idle = [...bySelf].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0)
  return {
    totalMs,
    busyMs: sampled - idle,
    topSelf: [...bySelf]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: +((ms / sampled) * 100).toFixed(1) })),
    inclusive: [...incl].map(([fn, ms]) => ({ fn, ms: Math.round(ms), pctOfBusy: +((ms / Math.max(1, sampled - idle)) * 100).toFixed(1) })),
  }
}

module.exports = { summarise }
