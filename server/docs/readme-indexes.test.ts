// The README's cloud index table ("Deploying to WeChat cloud", step 6) says it is `INDEXES` of the storage port:
// it must list exactly those fields, in that order, for every collection the cloud has, so the two cannot drift.
import fs from 'node:fs'
import path from 'node:path'
import { COLLECTIONS, INDEXES, type Collection } from '../ports/store.port'

/** Local backend only (who uploaded which photo); the README says so under the table. */
const LOCAL_ONLY: Collection[] = ['files']

function readmeIndexTable(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Deploying to WeChat cloud'))
  const lines = section.split('\n')
  const head = lines.findIndex((l) => /^\|\s*collection\s*\|\s*indexes\s*\|\s*$/.test(l))
  if (head < 0) throw new Error('README: no "| collection | indexes |" table in "## Deploying to WeChat cloud"')
  const table = new Map<string, string[]>()
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break
    const [names, indexes] = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    // "(none: …)" means by `_id` only; otherwise single-field indexes, comma-separated.
    const fields = indexes.startsWith('(') ? [] : indexes.split(',').map((f) => f.trim())
    for (const name of names.split(',').map((n) => n.trim())) {
      if (table.has(name)) throw new Error(`README index table lists ${name} twice`)
      table.set(name, fields)
    }
  }
  return table
}

it('lists exactly the INDEXES of server/ports/store.port.ts', () => {
  const table = readmeIndexTable()
  const expected = Object.fromEntries(COLLECTIONS.filter((c) => !LOCAL_ONLY.includes(c)).map((c) => [c, INDEXES[c]]))
  expect(Object.fromEntries(table)).toEqual(expected)
})

it('says the local-only collections are local only', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
  for (const c of LOCAL_ONLY) expect(readme).toContain(`(\`${c}\` exists only in the local backend`)
})
