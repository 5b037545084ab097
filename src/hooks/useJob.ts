import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { JobView } from '@/core/api-types'
import { callAction } from '@/services/api'
import { showError } from '@/services/feedback'

const storageKey = (key: string) => `job:${key}`

export interface JobState {
  /** The job being driven or last seen (null before one starts). */
  job: JobView | null
  /** True while this page is stepping the job. */
  running: boolean
  /** Starts a job (the kind's start action) and drives it to its end with job.step. */
  start: (begin: () => Promise<JobView>) => Promise<JobView | null>
  /** Forgets the finished job shown (e.g. before starting another). */
  clear: () => void
}

/**
 * Drives a resumable job (docs/DESIGN.md#jobs) from a page: starts it, calls job.step until it is done or failed, and
 * remembers its id under `key` so that coming back to the page resumes the same job instead of starting another.
 * Leaving the page stops the stepping (the server's timer finishes a job nobody drives).
 */
export function useJob(key: string): JobState {
  const [job, setJob] = useState<JobView | null>(null)
  const [running, setRunning] = useState(false)
  const alive = useRef(true)

  const drive = useCallback(
    async (first: JobView): Promise<JobView | null> => {
      let cur = first
      setJob(cur)
      Taro.setStorageSync(storageKey(key), cur.id)
      setRunning(true)
      try {
        while (cur.status === 'running' && alive.current) {
          cur = await callAction('job.step', { jobId: cur.id })
          if (alive.current) setJob(cur)
        }
        if (cur.status === 'failed' && cur.error) showError(new Error(cur.error.message))
        return cur
      } catch (err) {
        showError(err)
        return null
      } finally {
        if (alive.current) setRunning(false)
      }
    },
    [key],
  )

  useEffect(() => {
    alive.current = true
    const id = Taro.getStorageSync(storageKey(key)) as string
    if (id) {
      callAction('job.get', { jobId: id })
        .then((j) => {
          if (j.status === 'running') void drive(j)
          else setJob(j)
        })
        .catch(() => Taro.removeStorageSync(storageKey(key)))
    }
    return () => {
      alive.current = false
    }
  }, [key, drive])

  const start = useCallback(
    async (begin: () => Promise<JobView>) => {
      try {
        return await drive(await begin())
      } catch (err) {
        showError(err)
        return null
      }
    },
    [drive],
  )
  const clear = useCallback(() => {
    setJob(null)
    Taro.removeStorageSync(storageKey(key))
  }, [key])
  return { job, running, start, clear }
}
