import { z } from 'zod';

/** 2^24 elements: 64 MiB of float32 per affinity. */
const DEFAULT_AFFINITY_BUDGET = 16_777_216;

/**
 * Options shared by the affinity-based distillers: which map they read, how it is pooled, and the
 * largest affinity they may build.
 *
 * @param defaultPoolSize - the distiller's default pool size (the reference's, where it has one).
 */
export function gridOptions(defaultPoolSize: number) {
  return {
    source: z.enum(['features', 'logits']).default('features').describe('map whose positions are compared: the feature map or the logits'),
    poolSize: z
      .number()
      .int()
      .positive()
      .default(defaultPoolSize)
      .describe('average-pooling window and stride applied before the affinity'),
    maxAffinityElements: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_AFFINITY_BUDGET)
      .describe('largest affinity (batch x positions x positions) allowed; larger is an error'),
  };
}
