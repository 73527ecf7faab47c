// tsyringe refuses to load unless the Reflect metadata API exists: this module installs the
// polyfill first, and every vidseg module (and plugin) takes tsyringe from here.
import 'reflect-metadata';

export { inject, injectable, container as rootContainer } from 'tsyringe';
export type { DependencyContainer, InjectionToken } from 'tsyringe';
