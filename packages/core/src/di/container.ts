import { rootContainer, type DependencyContainer } from './tsyringe.js';
import { silentProgress, type ProgressReporter } from '../contracts/progress-reporter.js';
import { TOKENS, type RunContext } from './tokens.js';


/**
 * A fresh container for one application (a CLI invocation, a test). Packages register their
 * plugins into it with their `register(container)`; nothing is registered by importing them.
 */
export function createContainer(): DependencyContainer {
  return rootContainer.createChildContainer();
}

/**
 * A child container for one run: run-scoped services are registered here, and every plugin of the
 * run is built in a child of it, so two runs in one process never share state.
 */
export function createRunContainer(
  parent: DependencyContainer,
  context: RunContext,
  progress: ProgressReporter = silentProgress,
): DependencyContainer {
  const run = parent.createChildContainer();
  run.register(TOKENS.runContext, { useValue: context });
  run.register(TOKENS.progress, { useValue: progress });
  return run;
}
