import { describe, expect, it } from 'vitest';
import { teacherClassChannels } from './teacher-class-channels.js';

describe('teacherClassChannels', () => {
  it('keeps identical class lists as they are', () => {
    expect(teacherClassChannels(['a', 'b'], ['a', 'b'])).toBeUndefined();
  });

  it('drops extra teacher classes and reorders by name', () => {
    expect(teacherClassChannels(['Sky', 'Road', 'Car', 'Void'], ['Sky', 'Road', 'Car'])).toEqual([0, 1, 2]);
    expect(teacherClassChannels(['b', 'a', 'void'], ['a', 'b'])).toEqual([1, 0]);
  });

  it('refuses a student class the teacher lacks', () => {
    expect(() => teacherClassChannels(['a'], ['a', 'b'])).toThrow(/the teacher has no class "b"/);
  });
});
