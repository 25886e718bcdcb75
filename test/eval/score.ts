// Scores a scan of the evaluation set: recall over planted values, precision
// over findings, per rule family (the patterns/ file of the expected rule) and
// per category.
import { basename } from 'node:path';
import type { Detector } from '../../src/detect/detector.js';
import type { Finding } from '../../src/types.js';
import type { EvalLabel } from './eval-set.js';

export interface Score {
  group: string;
  planted: number;
  found: number;
  findings: number;
  correct: number;
  recall: number;
  precision: number;
}

export interface Scored {
  rows: Score[];
  missed: EvalLabel[];
  falseAlarms: Finding[];
}

export function scoreFindings(labels: readonly EvalLabel[], findings: readonly Finding[], detector: Detector): Scored {
  const familyOf = (ruleId: string): string => basename(detector.rule(ruleId)?.source ?? 'unknown', '.toml');
  const hits = (label: EvalLabel, finding: Finding): boolean => finding.path === label.path && finding.line === label.line && label.rules.includes(finding.ruleId);
  const missed = labels.filter((label) => !findings.some((finding) => hits(label, finding)));
  const falseAlarms = findings.filter((finding) => !labels.some((label) => hits(label, finding)));
  const groups = new Map<string, { planted: number; found: number; findings: number; correct: number }>();
  const bump = (group: string, key: 'planted' | 'found' | 'findings' | 'correct'): void => {
    const row = groups.get(group) ?? { planted: 0, found: 0, findings: 0, correct: 0 };
    row[key] += 1;
    groups.set(group, row);
  };
  for (const label of labels) {
    const groupsOfLabel = [`family ${familyOf(label.rules[0] as string)}`, `category ${label.category}`, 'all'];
    for (const group of groupsOfLabel) {
      bump(group, 'planted');
      if (!missed.includes(label)) bump(group, 'found');
    }
  }
  for (const finding of findings) {
    for (const group of [`family ${familyOf(finding.ruleId)}`, `category ${finding.category}`, 'all']) {
      bump(group, 'findings');
      if (!falseAlarms.includes(finding)) bump(group, 'correct');
    }
  }
  const rows = [...groups].map(([group, row]) => ({
    group,
    ...row,
    recall: row.planted === 0 ? 1 : row.found / row.planted,
    precision: row.findings === 0 ? 1 : row.correct / row.findings,
  }));
  rows.sort((a, b) => (a.group === 'all' ? 1 : b.group === 'all' ? -1 : a.group.localeCompare(b.group)));
  return { rows, missed, falseAlarms };
}
