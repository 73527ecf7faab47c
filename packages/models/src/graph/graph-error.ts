import { UsageError } from '@vidseg/core';

/** A network description that cannot work: a bad attribute, a shape mismatch, a missing value. */
export class GraphError extends UsageError {
  /** The node (or parameter, or input) the problem is about. */
  readonly node: string;

  constructor(node: string, message: string) {
    super(`node "${node}": ${message}`);
    this.node = node;
  }
}
