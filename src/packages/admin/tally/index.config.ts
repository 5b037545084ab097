export default definePageConfig({
  navigationBarTitleText: '核算与积分',
})
