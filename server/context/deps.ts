// The ports every use case receives.
import type { Hmac } from '../../src/core/rotating-code'
import type { Clock } from '../ports/clock.port'
import type { FileStore } from '../ports/files.port'
import type { NotifyPort } from '../ports/notify.port'
import type { Store } from '../ports/store.port'

export interface Deps {
  store: Store
  clock: Clock
  /** HMAC with the server-only check-in secret. */
  hmac: Hmac
  /** Openids that are county admins by configuration (ADMIN_OPENIDS). */
  adminOpenids: ReadonlySet<string>
  /** Renders a QR code into an image data URL. */
  renderQr: (text: string) => string
  /**
   * Decodes the code of WeChat's getPhoneNumber button into the member's verified number. Where it exists
   * (the cloud), a typed phone number is refused; the local backend has none and accepts a typed number.
   */
  verifyPhoneCode?: (code: string) => Promise<string>
  /**
   * Renders a printable 小程序码 for a scene (wxacode.getUnlimited) into a data URL; absent locally. It opens `page`
   * (default: the check-in page; a survey's poster opens its answer page).
   */
  wxacode?: (scene: string, page?: string) => Promise<string>
  /** Photos attached to claims: local files, or WeChat cloud storage. */
  files: FileStore
  /**
   * How long a one-shot action that runs a job (score.tally, year.finalise, export.xlsx) may work before it leaves the
   * job to the timer and says so (docs/DESIGN.md#jobs). The cloud sets it inside the function's timeout; absent
   * (the local backend), such an action runs its job to the end.
   */
  callBudgetMs?: number
  /**
   * The largest file `export.xlsx` answers inline as base64 (the cloud: what keeps its answer under ~256 KB; default
   * 4 MB locally). Larger files are served by `export.start` and their link.
   */
  inlineAnswerBytes?: number
  /**
   * The store reads a whole county cheaply in one go (the local SQLite backend): a county 核算 then scores everyone in
   * one unit with the year's ledger scanned once, instead of pages of 200 sized for cloud requests.
   */
  bulk?: boolean
  /** Where 订阅消息 are delivered (docs/DESIGN.md#reminders); absent: they wait in the outbox. */
  notify?: NotifyPort
}
