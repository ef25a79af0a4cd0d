// readMemory and writeMemory as `memscope dap` answers them: the address a request names (its
// memoryReference plus offset), the bytes that exist there, and how much of a write fits. The
// adapter keeps what depends on its state (whether the session is busy, whether the program
// ended) and sends the responses and memory events.

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Session } from '../engine/index.ts';
import type { Result } from '../shared/dto.ts';
import { Args, strictBase64 } from './args.ts';
import { memoryReference, parseMemoryReference } from './memory-ref.ts';

/** Largest readMemory answered at once (VS Code asks for a page or two at a time). */
const MAX_READ = 1 << 20;

/** A readMemory's arguments, checked: where, and how many bytes. */
export function readArgs(raw: unknown): { address: number; count: number } {
  const args = new Args(raw, '{"memoryReference": "0x1000", "count": 16}');
  const address = addressOf(args);
  return { address, count: args.integer('count', { min: 0 }) };
}

/** What readMemory answers: the bytes there are, the rest past the end of memory unreadable; or the engine's error. */
export async function readMemory(session: Session, address: number, count: number): Promise<Result<DebugProtocol.ReadMemoryResponse['body']>> {
  const readable = Math.max(0, Math.min(count, MAX_READ, session.memorySize - address));
  let data: Uint8Array = new Uint8Array(0);
  if (readable > 0) {
    const read = await session.readMemory(address, readable);
    if (!read.ok) return read;
    data = read.value.bytes;
  }
  // Unreadable: the bytes past the end of memory. A read cut at MAX_READ has none: the client asks for the rest.
  const unreadableBytes = data.length < Math.min(count, MAX_READ) ? count - data.length : 0;
  return { ok: true, value: { address: memoryReference(address), data: Buffer.from(data).toString('base64'), unreadableBytes } };
}

/** A writeMemory's arguments, checked: where, the bytes, and whether a write cut at the end of memory is wanted. */
export function writeArgs(raw: unknown): { address: number; bytes: Uint8Array; allowPartial: boolean } {
  const args = new Args(raw, '{"memoryReference": "0x1000", "data": "AQID"}');
  const address = addressOf(args);
  const bytes = strictBase64(args.string('data', 'base64 text'));
  if (!bytes) return args.wrong('data', 'base64 (A–Z a–z 0–9 + /, padded with =); nothing was written');
  return { address, bytes, allowPartial: args.optionalBoolean('allowPartial') === true };
}

/**
 * The bytes a write puts in memory. allowPartial: those up to the end of memory (the spec's
 * "stop at the first byte that cannot be written"; it was ignored, and such a write refused
 * whole). Without it all of them: a write past the end is refused whole, the engine's error
 * saying where memory ends.
 */
export function bytesThatFit(session: Session, write: { address: number; bytes: Uint8Array; allowPartial: boolean }): Uint8Array {
  const { address, bytes } = write;
  return write.allowPartial ? bytes.subarray(0, Math.max(0, Math.min(bytes.length, session.memorySize - address))) : bytes;
}

/** The address a request's memoryReference and offset name (offset may be negative, as the spec allows). */
function addressOf(args: Args): number {
  const reference = args.string('memoryReference', 'a string like "0x1000"');
  const base = parseMemoryReference(reference);
  if (base === null) return args.wrong('memoryReference', `an address like "0x1000", not "${reference}"`);
  const offset = args.integer('offset', { fallback: 0 });
  const address = base + offset;
  if (address < 0 || !Number.isSafeInteger(address)) return args.refuse(`offset ${offset} from ${reference} is outside memory (before address 0)`);
  return address;
}
