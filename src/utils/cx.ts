/**
 * Class names from parts, skipping the empty ones: `cx('btn', busy && 'btn-disabled', className)`.
 * Styling classes only; a class a test selects by is marked with `hook()` so the two never mix.
 */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ')
}

/**
 * A test hook: a class name that tests (jest, miniprogram-simulate, chromium) select by and that no stylesheet
 * targets (`src/utils/hooks-unstyled.test.ts` checks every .scss). Returned unchanged, so selectors stay as they are.
 */
export function hook(...names: string[]): string {
  return names.join(' ')
}
