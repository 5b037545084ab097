export default definePageConfig({
  navigationBarTitleText: '在职党员双积分',
  enablePullDownRefresh: true,
})
