// The last part of a path as a file name, for either separator: a path from the command line
// (`memscope serve`'s notices) or a name a client sends may be POSIX or Windows.

export function lastPathPart(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
