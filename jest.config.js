/** Unit, contract and HTTP tests. The browser test has its own config in e2e/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/server', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@tarojs/components$': '<rootDir>/test/stubs/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/stubs/taro.ts',
    '\\.(css|scss)$': '<rootDir>/test/stubs/style.ts',
  },
  testTimeout: 30000,
}
