// WeChat's screen reader reads `aria-role` / `aria-label` / `aria-checked`… on a <view>, but Taro's weapp
// template lists only the attributes it knows and drops the rest. This adds the aria attributes to the View
// and Text templates (docs/DESIGN.md#phones-and-screens). src/utils/a11y.ts adds the same names to the runtime: Taro
// gives each attribute a short alias by its place in the sorted list of the component's attributes, so the build and
// the runtime must know the same names (src/utils/a11y.test.ts checks the two lists agree).
// The build's own copy of the component table (the one the weapp template reads), not the runtime's.
const { internalComponents } = require('@tarojs/shared/dist/template')

const ARIA_VIEW_ATTRIBUTES = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled']

function addAria(components) {
  for (const tag of ['View', 'Text']) {
    for (const name of ARIA_VIEW_ATTRIBUTES) if (!(name in components[tag])) components[tag][name] = ''
  }
}

module.exports = () => {
  if (process.env.TARO_ENV === 'weapp') addAria(internalComponents)
}
module.exports.ARIA_VIEW_ATTRIBUTES = ARIA_VIEW_ATTRIBUTES
