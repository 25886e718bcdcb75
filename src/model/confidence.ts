// The three levels of confidence, in order, and how they compare.
import type { Confidence } from './types.js';

export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

/** Whether `a` ranks above `b`. */
export function moreSure(a: Confidence, b: Confidence): boolean {
  return CONFIDENCES.indexOf(a) > CONFIDENCES.indexOf(b);
}
