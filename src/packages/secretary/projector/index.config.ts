// Full screen: no navigation bar (the page draws its own way back) and free to turn with a landscape screen.
export default definePageConfig({
  navigationBarTitleText: '投屏签到码',
  navigationStyle: 'custom',
  pageOrientation: 'auto',
  backgroundColor: '#ffffff',
})
