// Every View or Text the app makes tappable tells assistive technology what it is (docs/DESIGN.md#phones-and-screens):
// a source scan, so a new clickable View without a role fails here rather than in a screen reader.
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { a11y, ARIA_VIEW_ATTRIBUTES } from './a11y'

const SRC = path.resolve(__dirname, '..')

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return tsxFiles(p)
    return e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [p] : []
  })
}

interface Clickable {
  where: string
  tag: string
  hasRole: boolean
}

/** Every <View>/<Text> with an onClick, and whether it carries a role (`role=` or a spread of `a11y(…)`). */
function clickables(file: string): Clickable[] {
  const text = fs.readFileSync(file, 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: Clickable[] = []
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText(sf)
      if (tag === 'View' || tag === 'Text') {
        const props = node.attributes.properties
        const named = (n: string) => props.some((p) => ts.isJsxAttribute(p) && p.name.getText(sf) === n)
        if (named('onClick')) {
          const spreadsA11y = props.some((p) => ts.isJsxSpreadAttribute(p) && /^a11y\(/.test(p.expression.getText(sf)))
          const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
          found.push({ where: `${path.relative(SRC, file)}:${line}`, tag, hasRole: named('role') || spreadsA11y })
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

describe('roles for assistive technology', () => {
  const all = tsxFiles(SRC).flatMap(clickables)

  it('finds the clickable Views it is meant to guard (the scan is not blind)', () => {
    expect(all.length).toBeGreaterThan(10)
    expect(all.some((c) => c.where.startsWith(path.join('components', 'CheckBox')))).toBe(true)
  })

  it('gives every clickable View and Text a role', () => {
    expect(all.filter((c) => !c.hasRole).map((c) => `${c.where} <${c.tag} onClick> has no role: spread a11y('button', …)`)).toEqual([])
  })

  it('says state and label in both the H5 and the WeChat attribute names', () => {
    expect(a11y('checkbox', { checked: true, label: '同意' })).toEqual({
      role: 'checkbox',
      'aria-role': 'checkbox',
      'aria-checked': true,
      'aria-label': '同意',
    })
    expect(a11y('tab', { selected: false })).toEqual({ role: 'tab', 'aria-role': 'tab', 'aria-selected': false })
    expect(a11y('button', { disabled: true })).toMatchObject({ 'aria-disabled': true })
    expect(a11y('button', { disabled: false })).not.toHaveProperty('aria-disabled')
  })

  it('adds the same attribute names to the weapp runtime as the build plugin adds to the template', () => {
    // Taro numbers a component's attributes in sorted order on both sides; a name on one side only shifts them.
    const plugin = require('../../config/plugins/aria-attributes.js') as { ARIA_VIEW_ATTRIBUTES: string[] }
    expect(plugin.ARIA_VIEW_ATTRIBUTES).toEqual([...ARIA_VIEW_ATTRIBUTES])
  })
})
