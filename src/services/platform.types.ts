// The platform contract for what differs between the weapp (the product) and the H5 build (local use, browser
// tests): one implementation per platform, chosen by Taro at build time, instead of TARO_ENV checks in pages.
export interface Platform {
  /** 'weapp' in WeChat, 'h5' in a browser. */
  readonly name: 'weapp' | 'h5'
  /** Identity: WeChat's OPENID in the weapp; a dev login against the local backend in H5. */
  readonly usesDevLogin: boolean
  /** The phone number comes from WeChat's verified getPhoneNumber button (weapp) or is typed (H5). */
  readonly verifiedPhone: boolean
  /** Keeps the screen on while a code is shown (weapp); nothing in a browser. */
  keepScreenOn(): void
  /** Prints the page (H5); null where there is no print (weapp: long-press the image to save it instead). */
  readonly print: (() => void) | null
}
