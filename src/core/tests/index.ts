export { addTestNodes } from './nodes';
export { runTest, testPlace, testLocation, SAMPLE_ROWS, type TestExecContext, type TestOutcome } from './executor';
export { testNames, testUniqueId, synthesizeTestNames, splitTestName, pythonRepr, pythonStr } from './naming';
export { testSettings, TEST_CONFIG_DEFAULTS, type TestSettings, type Severity } from './config';
export { testStatus, testMessage, type TestStatus } from './verdict';
export { buildRawCode } from './rawCode';
export * from './quality';
export { attachQuality } from './attachQuality';
