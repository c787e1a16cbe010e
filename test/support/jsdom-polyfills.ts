// jsdom (jest-environment-jsdom 29) lacks the encoding API the core's fingerprint uses; Node has it.
import { TextDecoder, TextEncoder } from "node:util";

const g = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown };
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;

// Fluent's MessageBar watches its size; jsdom has no layout, so an observer that never fires will do.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const w = globalThis as unknown as { window?: { ResizeObserver?: unknown } };
if (w.window && !w.window.ResizeObserver) w.window.ResizeObserver = NoResizeObserver;
