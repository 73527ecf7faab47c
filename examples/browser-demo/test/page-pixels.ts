import type { Page } from 'playwright-core';

/** Pixels of a canvas on the page, RGBA. */
export interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Reads a canvas's pixels with getImageData (through base64, compact over the wire). */
export async function canvasPixels(page: Page, selector: string): Promise<CanvasPixels> {
  const { width, height, base64 } = await page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    if (!canvas) throw new Error(`no canvas ${sel}`);
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let text = '';
    for (let i = 0; i < data.length; i += 0x8000) text += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(text) };
  }, selector);
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}
