// docs/DESIGN.md tells a newcomer where each rule is implemented and tested, and other files point into its
// sections. A renamed file, a moved function or a reworded heading would quietly send the reader nowhere, so each
// of those references is checked against the repository as it is.
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..')
const DESIGN = 'docs/DESIGN.md'
const design = fs.readFileSync(path.join(ROOT, DESIGN), 'utf8')

/** The content of every `code span`, with where it ends (for reading what follows it). */
function codeSpans(markdown: string): { text: string; end: number }[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => ({ text: m[1], end: (m.index ?? 0) + m[0].length }))
}

/** A span that names a repository file (a/b.ts) or folder (a/b/); `POST /api/dev/login` and the like are not paths. */
function isRepoPath(span: string): boolean {
  return span.includes('/') && !/\s/.test(span) && (/\.(ts|tsx|js|md|json)$/.test(span) || span.endsWith('/'))
}

/** A segment like `<fn>` or `*` stands for any one name (`cloudfunctions/<fn>/index.ts`). */
const isPattern = (segment: string) => /[*<>]/.test(segment)
const patternRegExp = (segment: string) =>
  new RegExp(
    `^${segment
      .replace(/<[^>]+>/g, '\0')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*|\0/g, '[^/]+')}$`,
  )

/** Every existing path a span can mean, resolved from the repository root. */
function resolve(span: string): string[] {
  const folder = span.endsWith('/')
  const segments = span.replace(/\/$/, '').split('/')
  let found = ['']
  for (const segment of segments) {
    found = found.flatMap((dir) => {
      const abs = path.join(ROOT, dir)
      if (!isPattern(segment)) return fs.existsSync(path.join(abs, segment)) ? [path.join(dir, segment)] : []
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) return []
      const re = patternRegExp(segment)
      return fs
        .readdirSync(abs)
        .filter((name) => re.test(name))
        .map((name) => path.join(dir, name))
    })
  }
  return found.filter((p) => fs.statSync(path.join(ROOT, p)).isDirectory() === folder)
}

/** GitHub's heading anchors: lower case, punctuation dropped (letters of any script, digits, '_' and '-' stay), spaces to '-'. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>()
  for (const m of markdown.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = anchorOf(m[1])
    let anchor = base
    // A repeated heading gets -1, -2, … on GitHub.
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`
    anchors.add(anchor)
  }
  return anchors
}

/** Where DESIGN.md may be cited: the app, the server, scripts, tests, the cloud entries, the README and the other docs. */
function citingFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(dir, e.name)
          if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : walk(p)
          return /\.(ts|tsx|js|cjs|mjs|json|md|sh)$/.test(e.name) ? [p] : []
        })
      : []
  const cloudEntries = fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'))
    .map((fn) => path.join(ROOT, 'cloudfunctions', fn, 'index.ts'))
    .filter((p) => fs.existsSync(p))
  return [
    ...['src', 'server', 'scripts', 'e2e', 'test', 'docs'].flatMap((d) => walk(path.join(ROOT, d))),
    ...cloudEntries,
    path.join(ROOT, 'README.md'),
  ]
}

describe('anchorOf', () => {
  it("follows GitHub's rule for the headings DESIGN.md has", () => {
    expect(anchorOf('Publicity, appeals and locking')).toBe('publicity-appeals-and-locking')
    expect(anchorOf('Budgets and how they are measured')).toBe('budgets-and-how-they-are-measured')
    expect(anchorOf('公示 and 申诉')).toBe('公示-and-申诉')
    expect(anchorOf('The `ledger` (append-only)')).toBe('the-ledger-append-only')
  })
})

describe('docs/DESIGN.md', () => {
  it('names only files and folders that exist in the repository', () => {
    const paths = [...new Set(codeSpans(design).map((s) => s.text))].filter(isRepoPath)
    // A parser that found nothing would pass vacuously; the document names dozens of files.
    expect(paths.length).toBeGreaterThan(50)
    expect(paths.filter((p) => resolve(p).length === 0)).toEqual([])
  })

  it('places each symbol it names beside a file in that file (or under that folder)', () => {
    // "`server/queries/rulesets.ts` (`inForceOn`, `versionTerms`)": the names in the parenthesis live in that file.
    const missing: string[] = []
    let checked = 0
    for (const span of codeSpans(design)) {
      if (!isRepoPath(span.text)) continue
      const after = /^\s*\(([^)]*)\)/.exec(design.slice(span.end))
      if (!after) continue
      const names = codeSpans(after[1])
        .map((s) => s.text)
        .filter((t) => /^[A-Za-z_$][\w$]*$/.test(t))
      if (names.length === 0) continue
      const sources = resolve(span.text).flatMap((p) => (p.endsWith('.ts') || p.endsWith('.tsx') || p.endsWith('.js') ? [p] : sourcesUnder(p)))
      const text = sources.map((p) => fs.readFileSync(path.join(ROOT, p), 'utf8')).join('\n')
      for (const name of names) {
        checked++
        const declared = new RegExp(`\\b(function\\*?|const|let|var|class|interface|type|enum)\\s+${name.replace(/\$/g, '\\$')}\\b`)
        if (!declared.test(text)) missing.push(`${name} (in ${span.text})`)
      }
    }
    expect(checked).toBeGreaterThan(30)
    expect(missing).toEqual([])
  })

  it('links its section list only to headings it has', () => {
    const anchors = headingAnchors(design)
    const links = [...design.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1])
    expect(links.length).toBeGreaterThan(5)
    expect(links.filter((a) => !anchors.has(a))).toEqual([])
  })

  it('has a heading for every section cited from code, scripts, tests, cloud entries and the README', () => {
    const anchors = headingAnchors(design)
    const citations: string[] = []
    const broken: string[] = []
    for (const file of citingFiles()) {
      const text = fs.readFileSync(file, 'utf8')
      for (const m of text.matchAll(/DESIGN\.md#([\p{L}\p{N}_-]+)/gu)) {
        const where = `${path.relative(ROOT, file)}: #${m[1]}`
        citations.push(where)
        if (!anchors.has(m[1])) broken.push(where)
      }
    }
    // The README cites the budgets section; finding no citation at all would mean the search is broken.
    expect(citations.length).toBeGreaterThan(0)
    expect(broken).toEqual([])
  })
})

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourcesUnder(p)
    return /\.(ts|tsx|js)$/.test(e.name) ? [p] : []
  })
}
