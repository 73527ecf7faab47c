import { SeededRandom, type Rgb } from '@vidseg/core';
import { NO_CAMERA_ARTEFACTS, type CameraArtefacts } from './camera-artefacts.js';
import { SPRITE_SIZE } from './sprite-shapes.js';
import type { CameraPath, FacadeBlock, FacadeWall, SideStrip, Sprite, SpriteKind, StreetScene } from './street-scene.js';

/** What the generated street looks like and how fast things move. */
export interface StreetSceneSettings {
  /** Mean forward speed of the camera, metres per frame. */
  readonly speed: number;
  /** Multiplier of the number of cars, pedestrians and cyclists. */
  readonly traffic: number;
  /** Relative amplitude of the exposure change over time. */
  readonly lighting: number;
  /** Standard deviation of the sensor noise in 8-bit levels. */
  readonly sensorNoise: number;
  /** Frame times the street must be furnished for (objects are placed around this span). */
  readonly timeSpan: readonly [number, number];
  /** Amplitude of the hand-held shake, radians (default 0). */
  readonly shake?: number;
  /** Per-frame camera artefacts (default none). */
  readonly artefacts?: CameraArtefacts;
}

const FACADE_COLOURS: readonly Rgb[] = [[150, 80, 60], [190, 170, 140], [120, 120, 125], [170, 110, 80], [210, 200, 180], [95, 90, 100]];
const CAR_COLOURS: readonly Rgb[] = [[170, 20, 25], [25, 50, 140], [225, 225, 230], [25, 25, 28], [150, 150, 155], [40, 110, 60], [200, 160, 30]];
const CLOTHES: readonly Rgb[] = [[40, 40, 60], [150, 30, 40], [210, 200, 190], [50, 90, 150], [90, 70, 50], [200, 120, 40]];
const SIGN_COLOURS: readonly Rgb[] = [[200, 30, 30], [30, 70, 180], [230, 190, 30], [235, 235, 235]];

/** Draws a street scene from `seed`; the same seed and settings always give the same scene. */
export function generateStreetScene(seed: number, settings: StreetSceneSettings): StreetScene {
  const random = new SeededRandom(seed);
  const jitter = (c: Rgb, amount: number): Rgb => c.map((v) => Math.max(0, Math.min(255, Math.round(v + random.uniform(-amount, amount))))) as unknown as Rgb;
  const roadHalf = random.uniform(3.2, 5);
  const leftFacadeX = -(roadHalf + random.uniform(2.5, 4.5));
  const rightFacadeX = roadHalf + random.uniform(2.5, 4.5);
  const camera: CameraPath = {
    speed: settings.speed * random.uniform(0.7, 1.3),
    height: random.uniform(1.3, 1.7),
    lateral: random.uniform(0.2, 0.6) * roadHalf,
    swayAmplitude: random.uniform(0.05, 0.25),
    swayPeriod: random.uniform(60, 160),
    yawAmplitude: random.uniform(0.005, 0.025),
    pitchAmplitude: random.uniform(0.003, 0.012),
    rollAmplitude: random.uniform(0.003, 0.012),
    phases: [random.uniform(0, 6.3), random.uniform(0, 6.3), random.uniform(0, 6.3), random.uniform(0, 6.3)],
    // Derived, not drawn: drawing would shift every later draw and so change the streets of every seed.
    shake: settings.shake ?? 0,
    shakeSeed: (seed ^ 0x5ca1e) >>> 0,
  };
  const [t0, t1] = settings.timeSpan;
  const tMid = (t0 + t1) / 2;
  const zStart = camera.speed * t0 - 15;
  const farZ = camera.speed * t1 + random.uniform(90, 140);

  const wall = (from: number, to: number, length: [number, number]): FacadeWall => {
    const blocks: FacadeBlock[] = [];
    for (let s = from; s < to; s += random.uniform(length[0], length[1])) {
      blocks.push({
        start: s,
        height: random.uniform(5, 24),
        colour: jitter(random.pick(FACADE_COLOURS), 20),
        windowSpacing: random.uniform(2, 3.5),
        seed: random.nextUint32(),
      });
    }
    return { blocks };
  };
  const left = wall(zStart, farZ, [6, 20]);
  const right = wall(zStart, farZ, [6, 20]);
  const far = wall(leftFacadeX - 2, rightFacadeX + 2, [4, 10]);

  const strips: SideStrip[] = [];
  for (const side of [-1, 1]) {
    const facade = side < 0 ? leftFacadeX : rightFacadeX;
    for (let z = zStart + random.uniform(0, 20); z < farZ; ) {
      const length = random.uniform(4, 15);
      const kind = random.next() < 0.5 ? 'fence' : 'hedge';
      strips.push({
        kind,
        x: facade - side * random.uniform(0.3, 0.8),
        z0: z,
        z1: z + length,
        height: kind === 'fence' ? random.uniform(1, 1.3) : random.uniform(0.7, 1.1),
        seed: random.nextUint32(),
      });
      z += length + random.uniform(5, 25);
    }
  }

  const sprites: Sprite[] = [];
  const add = (kind: SpriteKind, x: number, z: number, vx: number, vz: number, scale: number, colour: Rgb, sign = false) => {
    const [halfWidth, height] = SPRITE_SIZE[kind];
    // (x, z) is the position at the middle of the span; store the position at time 0.
    sprites.push({ kind, x0: x - vx * tMid, z0: z - vz * tMid, vx, vz, scale, halfWidth: halfWidth * scale, height: height * scale, colour, sign, seed: random.nextUint32() });
  };
  for (const side of [-1, 1]) {
    const kerb = side * roadHalf;
    for (let z = zStart + random.uniform(0, 10); z < farZ - 5; z += random.uniform(7, 16)) {
      if (random.next() < 0.8) add('tree', kerb + side * random.uniform(0.6, 1.2), z, 0, 0, random.uniform(0.7, 1.3), jitter([60, 120, 45], 25));
    }
    for (let z = zStart + random.uniform(0, 15); z < farZ - 5; z += random.uniform(12, 30)) {
      add('pole', kerb + side * 0.3, z, 0, 0, 1, random.pick(SIGN_COLOURS), random.next() < 0.6);
    }
  }
  const zAhead = (min: number, max: number) => camera.speed * tMid + random.uniform(min, max);
  const count = (low: number, high: number) => Math.round(settings.traffic * random.uniform(low, high));
  for (let i = count(3, 7); i > 0; i--) {
    const lane = random.int(3);
    const colour = jitter(random.pick(CAR_COLOURS), 10);
    const scale = random.uniform(0.95, 1.1);
    if (lane === 0) add('car', roadHalf / 2, zAhead(10, 80), 0, camera.speed * random.uniform(0.6, 1.3), scale, colour);
    else if (lane === 1) add('car', -roadHalf / 2, zAhead(10, 90), 0, -camera.speed * random.uniform(0.6, 1.3), scale, colour);
    else add('car', random.pick([-1, 1]) * (roadHalf - 1), zAhead(8, 80), 0, 0, scale, colour);
  }
  for (let i = count(3, 8); i > 0; i--) {
    const side = random.pick([-1, 1]);
    const walkAcross = random.next() < 0.25;
    const x = walkAcross ? random.uniform(-roadHalf, roadHalf) : side * (roadHalf + random.uniform(0.5, 2.2));
    const speed = random.uniform(0.03, 0.06) * random.pick([-1, 1]);
    add('pedestrian', x, zAhead(6, 60), walkAcross ? speed : 0, walkAcross ? 0 : speed, random.uniform(0.9, 1.1), random.pick(CLOTHES));
  }
  for (let i = count(0, 2.5); i > 0; i--) {
    add('cyclist', random.uniform(-roadHalf, roadHalf), zAhead(12, 60), random.uniform(0.08, 0.15) * random.pick([-1, 1]), 0, 1, random.pick(CLOTHES));
  }

  return {
    seed,
    roadHalf,
    leftFacadeX,
    rightFacadeX,
    left,
    right,
    farZ,
    far,
    strips,
    sprites,
    camera,
    roadColour: jitter([85, 85, 90], 10),
    pavementColour: jitter([150, 145, 140], 15),
    lighting: settings.lighting,
    sensorNoise: settings.sensorNoise,
    artefacts: settings.artefacts ?? NO_CAMERA_ARTEFACTS,
  };
}
