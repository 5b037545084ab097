export default definePageConfig({
  navigationBarTitleText: '记录扣分',
})
