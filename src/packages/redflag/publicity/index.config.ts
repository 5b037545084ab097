export default definePageConfig({
  navigationBarTitleText: '红旗小区公示',
})
