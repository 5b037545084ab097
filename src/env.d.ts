/** Cloud environment id for Taro.cloud.init, from TARO_APP_CLOUD_ENV at build time ('' = the default env). */
declare const CLOUD_ENV: string
