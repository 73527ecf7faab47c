let registration: Promise<void> | undefined;

/**
 * Registers every gradient tfjs-core defines (its Node entry registers none), once per process.
 * Call it before training; importing this package registers nothing by itself.
 */
export function registerTfjsGradients(): Promise<void> {
  registration ??= import('../generated/tfjs-gradients.js').then(() => undefined);
  return registration;
}
