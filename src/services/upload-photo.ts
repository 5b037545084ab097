// Default for type-checking and jest; the Taro build picks upload-photo.weapp.ts or upload-photo.h5.ts instead.
export { uploadPhoto } from './upload-photo.h5'
