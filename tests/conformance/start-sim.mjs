// Starts the real flowdesk-sim for a conformance script and waits for its URL (the first line
// it prints). The simulator is stopped when the script exits.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export async function startSimulator(simPath, args, secretAccessKey) {
  const sim = spawn(simPath, args, {
    env: { ...process.env, FLOWDESK_SIM_SECRET_ACCESS_KEY: secretAccessKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => { if (sim.exitCode === null) sim.kill('SIGTERM'); };
  process.on('exit', stop);
  const endpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('flowdesk-sim printed no URL within 10 s')), 10000);
    sim.on('exit', (code) => reject(new Error(`flowdesk-sim exited with ${code} before listening`)));
    createInterface({ input: sim.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const match = /^flowdesk-sim listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]); else reject(new Error(`unexpected first line: ${line}`));
    });
  });
  return { endpoint, stop };
}
