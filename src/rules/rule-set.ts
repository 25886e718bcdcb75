// The effective rule set of a scan, as data: the catalog (built-in or
// `--patterns DIR`), the configuration applied, one category kept if asked.
// The CLI, `scan()` from code and every worker start from this one spec.
import type { Category } from '../model/types.js';
import { loadCatalog, onlyCategory } from './catalog.js';
import { applyConfig, noConfig, type ScanConfig } from './config.js';
import type { RuleSetSpec } from './schema.js';

export interface RuleSetOptions {
  /** Directory of rule files instead of the built-in patterns/. */
  patternsDir?: string | undefined;
  /** A team's configuration (see `loadConfig`). */
  config?: ScanConfig | undefined;
  /** Only the rules of this category. */
  only?: Category | undefined;
}

export function ruleSetSpec(options: RuleSetOptions = {}): RuleSetSpec {
  return onlyCategory(applyConfig(loadCatalog(options.patternsDir), options.config ?? noConfig()), options.only);
}
