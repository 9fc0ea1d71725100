export { buildQualityReport, writeQualityReport, qualitySummary, testedTable, type QualityReport, type QualitySummary } from './report';
export { qualityMarkdown } from './markdown';
export { scoreTables, TEST_WEIGHT, PROFILE_WEIGHT, type QualityCheck, type TableQuality, type TestFact, type TableInput, type QualityScores } from './score';
export { profileRelation, type ColumnProfile, type TableProfile } from './profile';
export { DIMENSIONS, DIMENSION_TITLES, dimensionOf, type Dimension } from './dimensions';
