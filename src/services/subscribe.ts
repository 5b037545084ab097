// 订阅消息 from the app's side (docs/DESIGN.md#reminders): which templates the deployment has (notify.config, loaded
// ahead so a tap can ask at once), asking inside the tap that leads to a message, and telling the server what was
// accepted (notify.subscribe). Asking never blocks or fails the action it accompanies.
import { ASK_FOR, type AskMoment } from '@/core/notify'
import { callAction } from './api'
import { onSessionChange } from './session'
import { askTemplates } from './subscribe-ask'
import type { AskTemplate } from './subscribe.types'

let templates: AskTemplate[] | null = null
let loading: Promise<void> | null = null

/** Loads the deployment's templates once (call when a page that will ask opens); failures are retried later. */
export function preloadSubscriptions(): Promise<void> {
  if (templates) return Promise.resolve()
  loading ??= callAction('notify.config', {})
    .then((c) => {
      templates = c.channel === 'off' ? [] : c.templates.map((t) => ({ key: t.key, id: t.id }))
    })
    .catch(() => undefined)
    .finally(() => {
      loading = null
    })
  return loading
}

/**
 * Call first thing in the tap's handler (before any await): asks for the templates this moment can lead to and
 * records the answer. Resolves when done; never rejects. Without the templates loaded yet it asks nothing.
 */
export function askFor(moment: AskMoment): Promise<void> {
  if (!templates) {
    void preloadSubscriptions()
    return Promise.resolve()
  }
  const wanted = ASK_FOR[moment] as readonly string[]
  const ask = templates.filter((t) => wanted.includes(t.key))
  if (!ask.length) return Promise.resolve()
  return askTemplates(ask)
    .then(async (answer) => {
      if (answer.accepted.length || answer.rejectedForever.length) {
        await callAction('notify.subscribe', {
          accepted: answer.accepted,
          ...(answer.rejectedForever.length ? { rejectedForever: answer.rejectedForever } : {}),
        })
      }
    })
    .catch(() => undefined)
}

// Another person signed in (H5 dev login): their deployment view is loaded afresh.
onSessionChange(() => {
  resetSubscriptions()
  void preloadSubscriptions()
})

/** For tests: forget the loaded templates. */
export function resetSubscriptions(): void {
  templates = null
  loading = null
}
