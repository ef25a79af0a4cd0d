// AssemblyScript built without --exportRuntime: greet takes a managed string, and __new, __pin
// and __unpin, which a host needs to make one, stay inside the module.
export function greet(name: string): string {
  return "Hello, " + name + "!";
}
