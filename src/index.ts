// Public library entry: scan a repository or directory, redact, format.
export { scan, createDetector, type ScanOptions, type ScanResult, type ScanProgress } from './scan.js';
export { Detector, type DetectResult } from './detect/detector.js';
export { loadRuleSet, defaultPatternsDir, type Rule, type RuleSet } from './detect/rules.js';
export { Redactor, type RedactionPolicy } from './redact/redactor.js';
export { formatReport, FORMATS, type ReportFormat } from './report/index.js';
export { UserError } from './errors.js';
export { Sensitive } from './sensitive.js';
export type * from './types.js';
