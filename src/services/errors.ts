import type { ErrorCode } from '@/core/errors'

/** `NETWORK` is the client's own code: the call never got an answer (offline, timeout, server down). */
export type ClientErrorCode = ErrorCode | 'NETWORK'

/** A failed action as the UI sees it; `message` is Chinese and meant for a toast. */
export class ActionError extends Error {
  readonly code: ClientErrorCode
  readonly details?: unknown
  constructor(code: ClientErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ActionError'
    this.code = code
    this.details = details
  }
}

export function toActionError(err: unknown): ActionError {
  if (err instanceof ActionError) return err
  // A core AppError, e.g. from validating a form with the shared schema before sending.
  if (err instanceof Error && typeof (err as { code?: unknown }).code === 'string') {
    const e = err as Error & { code: ClientErrorCode; details?: unknown }
    return new ActionError(e.code, e.message, e.details)
  }
  return new ActionError('NETWORK', '网络不给力，请检查网络后重试')
}

export const isNetworkError = (err: unknown): boolean => err instanceof ActionError && err.code === 'NETWORK'
