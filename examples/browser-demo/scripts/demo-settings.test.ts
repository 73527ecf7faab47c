import { describe, expect, it } from 'vitest';
import { loadDemoRecipe } from './demo-recipe.js';
import { DEMO_CAMERA, DEMO_SIZE, TRAINING_DATA } from './demo-settings.js';

describe('the browser demo follows vidseg demo', () => {
  it("renders its clips with vidseg demo's camera and size, and trains on vidseg demo's clips", async () => {
    const { config, student } = await loadDemoRecipe();
    for (const split of ['train', 'val'] as const) expect(config.data[split]).toMatchObject({ ...DEMO_CAMERA, size: [...DEMO_SIZE] });
    expect({ type: 'synthetic', split: 'train', seed: 0, ...config.data.train }).toEqual({ type: 'synthetic', ...TRAINING_DATA });
    expect(student.size).toBeGreaterThan(100);
  });
});
