// Test hooks and styling stay apart: a class passed to hook() is for tests to select by, so no stylesheet may
// target it (restyling a page must never break a test, and renaming a hook must never change a page's look).
import fs from 'node:fs'
import path from 'node:path'

const SRC = path.join(__dirname, '..')
const files = (dir: string, ext: RegExp): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? files(p, ext) : ext.test(d.name) ? [p] : []
  })

const hooks = new Set<string>()
for (const file of files(SRC, /\.tsx?$/)) {
  for (const call of fs.readFileSync(file, 'utf8').matchAll(/\bhook\(([^)]*)\)/g)) {
    for (const name of call[1].matchAll(/'([^']+)'/g)) for (const n of name[1].split(/\s+/)) hooks.add(n)
  }
}

it('finds the hooks it checks', () => {
  expect(hooks.size).toBeGreaterThan(0)
})

it.each(files(SRC, /\.scss$/).map((f) => [path.relative(SRC, f), f]))('%s styles no test hook', (_name, file) => {
  const css = fs.readFileSync(file, 'utf8')
  const styled = [...hooks].filter((h) => new RegExp(`\\.${h.replace(/[-_]/g, '\\$&')}(?![\\w-])`).test(css))
  expect(styled).toEqual([])
})
