// `memscope inspect -`: the module on standard input (`cat m.wasm | memscope inspect -`, or a
// module piped from a build). `-` used to be read as a file of that name: "-: cannot read: no such
// file or directory". A file named `-` is still reached as `./-`.

/** The path argument that means standard input. */
export const STDIN_PATH = '-';

/** All of standard input, refused (as readRegularFile refuses a file) once it passes `limit` bytes. */
export async function readStdin(limit: number, input: AsyncIterable<Uint8Array> = process.stdin): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.length;
    if (size > limit) {
      // The code readFailureText says by its message.
      throw Object.assign(new Error(`standard input is over the limit of ${limit} bytes`), { code: 'EFBIG' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
