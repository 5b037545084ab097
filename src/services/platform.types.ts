// The platform contract for what differs between the weapp (the product) and the H5 build (local use, browser
// tests): one implementation per platform, chosen by Taro at build time, instead of TARO_ENV checks in pages.
export interface Platform {
  /** 'weapp' in WeChat, 'h5' in a browser. */
  readonly name: 'weapp' | 'h5'
  /** Identity: WeChat's OPENID in the weapp; a dev login against the local backend in H5. */
  readonly usesDevLogin: boolean
  /** The phone number comes from WeChat's verified getPhoneNumber button (weapp) or is typed (H5). */
  readonly verifiedPhone: boolean
  /**
   * Keeps the screen on while a code is shown (weapp: setKeepScreenOn; a browser: the Screen Wake Lock API where it
   * exists); answers the release, for when the page goes away.
   */
  keepScreenOn(): () => void
  /** Shows the page full screen (a browser's Fullscreen API); null in the weapp, whose custom-navigation page already is. */
  readonly fullScreen: (() => void) | null
  /** Prints the page (H5); null where there is no print (weapp: long-press the image to save it instead). */
  readonly print: (() => void) | null
  /** Once at start-up, before any call: the weapp connects to its cloud environment; nothing in a browser. */
  init(): void
  /** The camera scans a check-in code (weapp); a browser has no scanner, so the code's text is pasted instead. */
  readonly scansCodes: boolean
  /** Check-in sends the position unless unticked (weapp); in a browser it is sent only when ticked. */
  readonly locationByDefault: boolean
  /** The datum Taro.getLocation answers in: WeChat gives GCJ-02 (what the server compares), a browser WGS-84. */
  readonly locationDatum: 'gcj02' | 'wgs84'
  /** An activity can be shared to a WeChat chat as a card (weapp only). */
  readonly shares: boolean
  /** Opens WeChat's own 隐私保护指引, calling `fail` if it cannot; null where there is none (H5). */
  readonly openPrivacyContract: ((fail: () => void) => void) | null
  /** Calls `fn` when the browser is back online (H5); the weapp has only Taro.onNetworkStatusChange for that. */
  onOnline(fn: () => void): void
}
