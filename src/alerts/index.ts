// The alerts module's public surface: pure statistics, explanation helpers and digest rendering (no I/O).
export { AlertOptionsError, InvalidSeriesError } from './alert-errors.js';
export type {
  Alert,
  AlertMethod,
  AlertSettings,
  BaselineMode,
  DetectOptions,
  Granularity,
  PriorAlert,
  SeriesInput,
} from './alert-types.js';
export { DEFAULT_DETECT_OPTIONS, detectAlerts } from './alert-detector.js';
export { densifySeries, parseBucketTime } from './dense-series.js';
export type { DenseSeries } from './dense-series.js';
export { evaluateCount, weightedBaseline } from './count-significance.js';
export type { BaselineSummary, CountTestParams, CountTestResult, PoissonTest } from './count-significance.js';
export { studentTCdf, studentTQuantile, studentTUpperTail } from './student-t.js';
export { conditionalPoissonUpperTail, poissonUpperTail, significantCount } from './poisson.js';
export { topTerms } from './top-terms.js';
export type { TopTerm, TopTermsOptions } from './top-terms.js';
export { pickExamples } from './example-picker.js';
export type { ExamplePost, PickExamplesOptions } from './example-picker.js';
export { describeWindowNl, formatAlertSentence } from './alert-sentence.js';
export type { DigestAlert } from './alert-sentence.js';
export { buildDigest } from './digest-model.js';
export type { DigestOptions } from './digest-model.js';
export { renderDigestMarkdown } from './digest-markdown.js';
export { renderDigestHtml } from './digest-html.js';
export type { HtmlDigestOptions } from './digest-html.js';
export { TOPIC_LABELS_NL, topicLabelNl } from './topic-labels.js';
export { mulberry32, samplePoisson, syntheticDailySeries } from './synthetic-series.js';
export type { SyntheticSpec } from './synthetic-series.js';
