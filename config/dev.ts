import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `taro build --type h5 --watch`: API calls go to the local backend (npm start, default port 8080).
    devServer: {
      proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT || 8080}`, changeOrigin: true } },
    },
  },
} satisfies UserConfigExport<'webpack5'>
