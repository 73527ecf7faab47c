import type { DependencyContainer } from './di/tsyringe.js';
import { registerMetrics } from './metrics/register-metrics.js';

/** Registers core's plugins (the metrics) into `container`. */
export function register(container: DependencyContainer): void {
  registerMetrics(container);
}
