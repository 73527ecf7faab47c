import { skipReason } from '@vidseg/test-support';
import { OrtNodeRuntime } from '../src/runtime/ort-node-runtime.js';

/**
 * Whether onnxruntime-node (an optional dependency) loads here, for the tests that compare with it
 * or expect it to be preferred, and the text a test title ends with when its checks are left out.
 * In CI (CI=true) `npm ci` installs it, so there its absence is an error, not a skip.
 */
export async function requireOrtNode(): Promise<{ installed: boolean; skipReason: string }> {
  const installed = await new OrtNodeRuntime().isAvailable();
  return { installed, skipReason: skipReason(installed, 'onnxruntime-node', '`npm ci` installs it (optional dependency of @vidseg/backend-ort)') };
}
