/**
 * A synthetic native SIP Server log (log-formats.md §1: banner, `Trc 04541` request dumps,
 * `@hh:mm:ss.ffff [0] ver distribute_event: message EventX` dumps with TAB-indented attributes and
 * a UserData KV list, raw SIP blocks between them), for the replay benchmark. Calls follow the
 * basic model: dial, ring, establish on both sides, release on both sides. Written to a temp file,
 * never to the repository.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const BANNER = [
  'Application name: SIPS_BENCH', 'Application type: TServer (1)', 'Host name:        benchhost',
  'Local time:       2026-03-04T10:15:00.120', 'File:             (1) /var/log/sips/SIPS_BENCH.20260304_101500_120.log', '',
].join('\n');

function hms(ms: number): { short: string; long: string } {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const s = Math.floor(ms / 1000);
  const base = `${pad(10 + Math.floor(s / 3600) % 14)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return { short: `${base}.${pad(ms % 1000, 3)}`, long: `${base}.${pad((ms % 1000) * 10, 4)}` };
}

function eventBlock(name: string, at: string, seq: number, thisDn: string, otherDn: string, role: number, call: { readonly conn: string; readonly id: number }, extra: string): string {
  return `@${at} [0] 8.1.103.07 distribute_event: message ${name}\n`
    + `\tAttributeEventSequenceNumber\t${seq.toString(16).padStart(16, '0')}\n`
    + `\tAttributeTimeinuSecs\t${(seq * 137) % 1000000}\n`
    + `\tAttributeThisDN\t'${thisDn}'\n\tAttributeThisDNRole\t${role}\n`
    + `\tAttributeOtherDN\t'${otherDn}'\n\tAttributeOtherDNRole\t${role === 1 ? 2 : 1}\n`
    + `\tAttributeConnID\t${call.conn}\n\tAttributeCallID\t${call.id}\n\tAttributeCallType\t1\n${extra}`;
}

/** The log text of call number `n` (7 T-Library messages, 6 of them events). */
export function callText(n: number): string {
  const a = String(2000 + (n % 500));
  const b = String(3000 + (n % 500));
  // Built as text: 0x00a1020300000000 + n is past 2^53, where adding n to a number loses it.
  const conn = `00a10203${n.toString(16).padStart(8, '0')}`;
  const t = (k: number) => hms(n * 40 + k);
  const seq = n * 6;
  // The ConnID, and the switch's call identifier (an integer; GenEM makes it mandatory in call events).
  const call = { conn, id: n + 1 };
  const userData = "\tAttributeUserData\t[64] 00 03 00 00..\n\t\t'Lang'\t'fr'\n\t\t'Priority'\t3\n\t\t'Route'(list) 'Hop'\t'rp-1'\n\t\t\t'Wait'\t12\n";
  return `2026-03-04T${t(0).short} Trc 04541 RequestMakeCall received from [12] (0000000c Desktop_A 127.0.0.1:50110)\n`
    + `message RequestMakeCall\n\tAttributeThisDN\t'${a}'\n\tAttributeOtherDN\t'${b}'\n\tAttributeMakeCallType\t0\n\tAttributeReferenceID\t${n % 100000}\n`
    + eventBlock('EventDialing', t(1).long, seq, a, b, 1, call, `\tAttributeReferenceID\t${n % 100000}\n`)
    + `${t(2).short}: Sending  [0,UDP] 420 bytes to 127.0.0.1:5060 >>>>>\nINVITE sip:${b}@127.0.0.1 SIP/2.0\nContent-Length: 0\n\n`
    + eventBlock('EventRinging', t(3).long, seq + 1, b, a, 2, call, `\tAttributeCallState\t0\n${userData}`)
    + eventBlock('EventEstablished', t(10).long, seq + 2, b, a, 2, call, '')
    + eventBlock('EventEstablished', t(11).long, seq + 3, a, b, 1, call, '')
    + eventBlock('EventReleased', t(30).long, seq + 4, a, b, 1, call, '\tAttributeCallState\t0\n')
    + eventBlock('EventReleased', t(31).long, seq + 5, b, a, 2, call, '\tAttributeCallState\t0\n');
}

export const EVENTS_PER_CALL = 6;

/** Write at least `bytes` of log to `path`; resolves with the bytes and calls written. */
export async function writeLog(path: string, bytes: number): Promise<{ bytes: number; calls: number }> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let written = 0;
  let calls = 0;
  const push = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await push(BANNER);
  while (written < bytes) {
    // ~1 MB per write: few awaits, bounded memory.
    const parts: string[] = [];
    let size = 0;
    while (size < 1 << 20 && written + size < bytes) {
      const text = callText(calls);
      calls += 1;
      parts.push(text);
      size += text.length;
    }
    await push(parts.join(''));
  }
  out.end();
  await once(out, 'finish');
  return { bytes: written, calls };
}
