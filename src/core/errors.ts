// Error codes of the action envelope (docs/DESIGN.md#the-action-contract) and the HTTP status each maps to.
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CODE_EXPIRED: 409,
  CODE_INVALID: 409,
  OUT_OF_WINDOW: 409,
  YEAR_LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.code = code
    this.details = details
  }
  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export interface OkEnvelope<T> {
  ok: true
  data: T
}
export interface ErrorEnvelope {
  ok: false
  error: { code: ErrorCode; message: string; details?: unknown }
}
export type Envelope<T> = OkEnvelope<T> | ErrorEnvelope

// A function declaration, not an arrow const: TypeScript narrows after a call only to a declared `never` function.
export function fail(code: ErrorCode, message: string, details?: unknown): never {
  throw new AppError(code, message, details)
}

export function toErrorEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof AppError) {
    const error: ErrorEnvelope['error'] = { code: err.code, message: err.message }
    if (err.details !== undefined) error.details = err.details
    return { ok: false, error }
  }
  return { ok: false, error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } }
}
