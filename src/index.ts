// Public library entry: scan any source, redact text and findings, write reports.
export { scan, createDetector, DEFAULT_MAX_BLOB_BYTES, type ScanOptions, type ScanResult, type KeyDoubt, type ScanProgress, type SourceSpec } from './engine/scan.js';
export { redactText, textRedactor, type RedactTextOptions } from './redact/text.js';
export { createRedactStream, RedactStream, MAX_LINE_BYTES, type RedactStreamOptions } from './redact/stream.js';
export { Redactor, type RedactionPolicy } from './redact/redactor.js';
export { Detector, type DetectResult } from './detect/detector.js';
export { loadConfig, type ScanConfig } from './rules/config.js';
export { loadRuleSet, compileRuleSet, type Rule, type RuleSet } from './rules/compile.js';
export { defaultPatternsDir, loadCatalog } from './rules/catalog.js';
export { ruleSetSpec, type RuleSetOptions } from './rules/rule-set.js';
export type { RuleSpec, RuleSetSpec } from './rules/schema.js';
export { formatReport, formatNamed, FORMATS, FORMAT_NAMES, type FormatName } from './report/registry.js';
export { baselineText, checkBaselineKey, readBaseline, type Baseline } from './engine/baseline.js';
export { resolveIdKey, ID_KEY_VARIABLE, type ResolvedIdKey } from './engine/id-key.js';
export { IdKey, idKeyCheck } from './model/fingerprint.js';
export type { ReportContext, ReportFormat } from './report/format.js';
export { LeakwatchError, ERROR_CODES, type ErrorCode } from './model/errors.js';
export { Sensitive } from './model/sensitive.js';
export type * from './model/types.js';
