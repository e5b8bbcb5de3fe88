// What a chart file must be: a real PNG (signature, IHDR first), of the size we drew, that a
// decoder reads back, with more than a blank page in it.
import { expect } from "vitest";
import { decode } from "fast-png";

export function expectChartPng(bytes: Buffer, width = 800, height = 400): void {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  expect(bytes.readUInt32BE(16)).toBe(width);
  expect(bytes.readUInt32BE(20)).toBe(height);
  const image = decode(bytes);
  expect([image.width, image.height]).toEqual([width, height]);
  // Bars, lines and text: many pixels are neither white nor one flat colour.
  const channels = image.channels;
  const colours = new Set<string>();
  let inked = 0;
  for (let i = 0; i < image.data.length; i += channels) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r < 240 || g < 240 || b < 240) inked++;
    if (i % (channels * 7) === 0) colours.add(`${r >> 4},${g >> 4},${b >> 4}`);
  }
  expect(inked).toBeGreaterThan(width * height * 0.02);
  expect(colours.size).toBeGreaterThan(4);
}
