/** What a walk-forward run was, for its outputs (tables, JSON, report). */
import type { Objective } from '../objective.js';
import type { ParameterSpace } from '../space.js';
import type { WindowLength } from './window-length.js';

export interface WalkForwardMeta {
  readonly strategy: string;
  readonly data: string;
  readonly instrument: string;
  readonly inSample: WindowLength;
  readonly outOfSample: WindowLength;
  readonly anchored: boolean;
  readonly warmup: number;
  readonly objective: Objective;
  readonly space: ParameterSpace;
}
