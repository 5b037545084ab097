export default definePageConfig({
  navigationBarTitleText: '下级述职',
  enablePullDownRefresh: true,
})
