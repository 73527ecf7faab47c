import { describe, expect, it } from 'vitest';
import { loadDemoRecipe } from './demo-recipe.js';
import { DEMO_CAMERA } from './demo-settings.js';

describe('the browser demo follows vidseg demo', () => {
  it("renders its clips with vidseg demo's camera", async () => {
    const { config, student } = await loadDemoRecipe();
    for (const split of ['train', 'val'] as const) expect(config.data[split]).toMatchObject(DEMO_CAMERA);
    expect(student.size).toBeGreaterThan(100);
  });
});
