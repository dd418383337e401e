/**
 * Preloaded (`node -r`) into the commands a spec or a benchmark starts (testCli.ts): the command
 * kills itself when its standard input closes — which happens when the process that started it
 * dies, however it dies — so a crashed or cancelled test run leaves no monitor behind.
 */
process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.resume();
process.stdin.unref();
