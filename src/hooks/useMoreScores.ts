import { useCallback, useRef, useState } from 'react'
import type { ScoreList, ScoreRow } from '@/core/api-types'
import { callAction } from '@/services/api'
import { showError } from '@/services/feedback'

export interface MoreScores {
  /** The first page with every page loaded since appended (undefined until the first page is there). */
  list: ScoreList | undefined
  /** Loads the next page, if there is one and none is on its way (for a footer tap and reaching the bottom). */
  more: () => Promise<void>
  loadingMore: boolean
  /** The list comes in pages (a scope over the live bound): show the 加载更多 / 已全部加载 footer. */
  paged: boolean
}

interface Loaded {
  /** The first page these follow: a reload or another scope starts over. */
  first: ScoreList
  rows: ScoreRow[]
  next: string | undefined
}

/**
 * The pages after the first of a `score.list` answer: a large scope is answered 500 rows at a time, best first,
 * with a cursor (`next`) to the following page. `first` is the first page (e.g. from useAction) and `body` what
 * it was asked with.
 */
export function useMoreScores(first: ScoreList | undefined, body: { year: number; scopeId: string } | null): MoreScores {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const busy = useRef(false)
  const current = loaded && loaded.first === first ? loaded : null
  const next = current ? current.next : first?.next
  const latest = useRef({ first, next, current, body })
  latest.current = { first, next, current, body }

  const more = useCallback(async () => {
    const { first: base, next: cursor, current: have, body: asked } = latest.current
    if (!base || !cursor || !asked || busy.current) return
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await callAction('score.list', { ...asked, cursor })
      // Another scope, year or reload since: this page belongs to a list no longer shown.
      if (latest.current.first !== base) return
      setLoaded({ first: base, rows: [...(have?.rows ?? []), ...page.rows], next: page.next })
    } catch (err) {
      showError(err)
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [])

  const list = first && current ? { ...first, rows: [...first.rows, ...current.rows], next: current.next } : first
  return { list, more, loadingMore, paged: !!first && (first.mode === 'stored' || !!first.next) }
}
