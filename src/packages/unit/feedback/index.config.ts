export default definePageConfig({
  navigationBarTitleText: '双报告',
  enablePullDownRefresh: true,
})
