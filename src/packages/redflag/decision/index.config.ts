export default definePageConfig({
  navigationBarTitleText: '红旗小区审定与公示',
})
