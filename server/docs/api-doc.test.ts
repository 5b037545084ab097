import fs from 'node:fs'
import path from 'node:path'
import { renderApiDoc } from './api-doc'

it('docs/API.md matches the action schemas in code (run `npm run docs:api` after changing them)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '../../docs/API.md'), 'utf8')
  expect(committed).toBe(renderApiDoc())
})
