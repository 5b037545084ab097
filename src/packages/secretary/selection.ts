import { useCallback, useEffect, useMemo, useState } from 'react'

/** Groups rows by a key, keeping first-seen order. */
export function groupBy<T>(rows: T[], key: (r: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = m.get(k)
    if (list) list.push(r)
    else m.set(k, [r])
  }
  return [...m.entries()]
}

/** Checkbox selection over a list of ids for bulk review; ids that leave the list are dropped. */
export function useSelection(ids: string[]) {
  const [picked, setPicked] = useState<Set<string>>(new Set())
  useEffect(() => {
    setPicked((prev) => {
      const next = new Set([...prev].filter((id) => ids.includes(id)))
      return next.size === prev.size ? prev : next
    })
  }, [ids])
  const has = useCallback((id: string) => picked.has(id), [picked])
  const set = useCallback((list: string[], on: boolean) => {
    setPicked((prev) => {
      const next = new Set(prev)
      for (const id of list) {
        if (on) next.add(id)
        else next.delete(id)
      }
      return next
    })
  }, [])
  const toggle = useCallback(
    (id: string) =>
      setPicked((prev) => {
        const next = new Set(prev)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return next
      }),
    [],
  )
  const all = ids.length > 0 && ids.every((id) => picked.has(id))
  const selected = useMemo(() => ids.filter((id) => picked.has(id)), [ids, picked])
  return {
    selected,
    all,
    has,
    set,
    toggle,
    toggleAll: (on: boolean) => set(ids, on),
    clear: () => setPicked(new Set()),
  }
}
