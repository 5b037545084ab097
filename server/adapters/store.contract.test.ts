import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { Filter, Store } from '../ports/store.port'
import { describeStoreContract, type ContractDocs } from './store.contract'
import { openSqliteStore } from './sqlite/sqlite-store'
import { createWxStore } from './wxcloud/wx-store'
import { createTestCloud, installLocalExecutor, type LocalExecutor } from './wxcloud/testing/local-executor'

describe('wx cloud adapter through wx-server-sdk', () => {
  let executor: LocalExecutor
  let db: any
  beforeAll(() => {
    executor = installLocalExecutor()
    db = createTestCloud().db
  })
  afterAll(() => executor.uninstall())

  describeStoreContract('wx cloud (real SDK, local executor)', async () => {
    executor.reset()
    return createWxStore<ContractDocs>(db)
  })

  test('rejected filters never reach the SDK', async () => {
    const store = createWxStore(db)
    executor.reset()
    await expect(store.find('members', { phone: { $gt: '' } } as unknown as Filter)).rejects.toThrow()
    await expect(store.count('members', { 'a.b': 1 })).rejects.toThrow()
    expect(executor.actions).toEqual([])
  })

  test('works with throwOnNotFound: false as well', async () => {
    const store = createWxStore<ContractDocs>(createTestCloud({ throwOnNotFound: false }).db)
    executor.reset()
    expect(await store.get('settings', 'missing')).toBeNull()
    await store.transaction(async (tx) => {
      expect(await tx.get('settings', 'missing')).toBeNull()
      await tx.create('settings', { _id: 'missing', v: 1 })
    })
    expect(await store.get('settings', 'missing')).toEqual({ _id: 'missing', v: 1 })
  })
})

describe('SQLite adapter', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-contract-'))
  let n = 0
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  describeStoreContract(
    'SQLite',
    async () => openSqliteStore<ContractDocs>(path.join(dir, `t${++n}.db`)),
    async (s: Store<ContractDocs>) => s.close(),
    { transactionsNeverConflict: true },
  )
})
