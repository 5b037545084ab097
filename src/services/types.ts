// The platform contract of the transport: one implementation per platform, chosen by Taro at build time
// (transport.weapp.ts → cloud functions, transport.h5.ts → the local HTTP backend).
import type { ActionName } from '@/core/contracts'
import type { Envelope } from '@/core/errors'

export type Send = (action: ActionName, body: object) => Promise<Envelope<unknown>>
