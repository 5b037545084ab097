// Default for type-checking and jest; the Taro build picks poster-canvas.weapp.ts or poster-canvas.h5.ts instead.
export { posterCanvas } from './poster-canvas.h5'
