/**
 * A desktop's browser console log: Workspace Web Edition (WWE 8.5) printing the GWS API v2 CometD
 * notifications it receives (log-formats.md §4, seen in real captures):
 *
 * ```
 * main.js?version=:2 2026-01-28 04:28:08.116 [DEBUG] [WWE.Voice.MediaVoiceExtension] Message received from /v2/me/calls
 * main.js?version=:2 2026-01-28 04:28:08.117 [TRACE] [WWE.Voice.MediaVoiceExtension] {
 * \t"notificationType": "StatusChange",
 * \t"call": { "id": "…", "state": "Ringing", "connId": "006c03a7194aa020", "participants": [ … ], "callType": "Internal", "userData": { … } },
 * \t"phoneNumber": "1002",
 * \t"messageType": "CallStateChangeMessage"
 * }
 * ```
 *
 * Each console line may start with DevTools' source tag (`main.js?version=:2 `); WWE's own lines
 * then have a time, a level and a logger. A notification is the pretty-printed JSON that starts
 * after the logger on a `[TRACE]` line and ends at a line that is exactly `}`; every other line is
 * the console's own output (other scripts, requests), a known kind of line.
 *
 * This is the agent's view of the switch, one session per DN, at call-state level: the notifications
 * become the DN's T-Library events as the Workspace adapter derives them (support/adapter/workspace/
 * events.ts, from the change between one view of a call and the next), and a replay or the
 * recognizer judges them at {@link CONSOLE_OBSERVATION}: what a call state cannot show is not judged.
 * A notification this reader cannot turn into events soundly (a call state it does not know, no
 * DN, a participant or user data of another shape, JSON cut off) is a damaged record: the log is
 * not judged on a guess. A notification of another kind (chat, the user's password) is counted as a
 * message name no model knows.
 */
import type { Observation } from '../adapter/contract';
import { DnEvents, UNMAPPED, type CallChange, type DnChange, type Mapped } from '../adapter/workspace/events';
import { AGENT_STATES, CALL_STATES, type AgentStateName, type CallStateName } from '../adapter/workspace/wire';
import type { AttrValue } from '../model/event';
import { toKVList, type KVList } from '../model/kvlist';
import { TraceDiagnostics, type RawValue, type TraceRecord } from './record';

/** What a desktop's console log shows of the switch (see the file comment). */
export const CONSOLE_OBSERVATION: Observation = {
  tier: 'desktop console log (GWS API v2, call-state level)',
  events: [
    'EventDialing', 'EventRinging', 'EventEstablished', 'EventHeld', 'EventRetrieved', 'EventReleased',
    'EventPartyChanged', 'EventPartyAdded', 'EventPartyDeleted', 'EventAttachedDataChanged',
    'EventAgentLogin', 'EventAgentLogout', 'EventAgentReady', 'EventAgentNotReady', 'EventDNDOn', 'EventDNDOff',
  ],
  // GWS API v2 names the other parties without their roles: OtherDNRole is not shown (a table asserting it is not judged).
  attributes: ['ThisDN', 'ConnID', 'PreviousConnID', 'CallType', 'OtherDN', 'UserData', 'AgentWorkMode'],
  unchecked: ['ReferenceID', 'ThisDNRole', 'CallState', 'ThisQueue'],
  crossDnOrder: false,
  partyTypes: ['Extension', 'ACDPosition'],
};

/** A WWE console line: optional DevTools source tag, date, time, `[LEVEL]`, `[logger]`, the rest. */
const WWE_LINE = /^(?:\S+:\d+ )?(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[[A-Z]+ *\] \[[^\]]*\] ?(.*)$/;
/** DevTools' source tag alone (`main.js?version=:2 `, `CRM.html?…:12 `). */
const SOURCE_TAG = /^\S+\.(?:js|html?)(?:\?\S*)?:\d+ /;
/** Lines a notification may span at most (a cut-off block must not swallow the rest of the log). */
const MAX_BLOCK_LINES = 20_000;

/** Whether the first line of a file makes it a browser console log. */
export function isConsoleLine(line: string): boolean {
  return WWE_LINE.test(line) || SOURCE_TAG.test(line);
}

interface Block {
  readonly line: number;
  readonly time: string;
  readonly text: string[];
  /** The line before it said a notification was received (`Message received from /v2/…`): it is one, whatever it holds. */
  readonly announced: boolean;
}

/** WWE's line before each notification it prints. */
const RECEIVED = /^Message received from \/v2\//;

type Json = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ConsoleLogReader {
  private readonly diagnostics = new TraceDiagnostics();
  private readonly dns = new Map<string, DnEvents>();
  private block: Block | undefined;
  /** The last console line said a notification follows. */
  private announced = false;
  /** (Never reads more than the line it is given: see LineSplitter.) */
  readonly lastLine = 0;

  constructor(private readonly file: string, private readonly emit: (r: TraceRecord) => void) {}

  pushRange(text: string, start: number, end: number, lineNo: number): number {
    this.push(text.slice(start, end), lineNo);
    return -1;
  }

  push(raw: string, lineNo: number): void {
    this.diagnostics.lines += 1;
    const line = raw.replace(/^\uFEFF/, '').replace(/[\r\n]+$/, '');
    const block = this.block;
    if (block) {
      const header = WWE_LINE.exec(line);
      if (!header) {
        block.text.push(line);
        if (line.trimEnd() === '}') this.close(block);
        else if (block.text.length > MAX_BLOCK_LINES) this.cut(block, `no closing "}" within ${MAX_BLOCK_LINES} lines`);
        return;
      }
      // A new console line while a notification is open: the notification was cut off.
      this.cut(block, 'cut off by the next console line before its closing "}"');
    }
    const m = WWE_LINE.exec(line);
    const rest = m?.[3]?.trim() ?? '';
    const announced = this.announced;
    if (m) this.announced = RECEIVED.test(rest);
    if (!m || !rest.startsWith('{')) return;
    const opened: Block = { line: lineNo, time: `${m[1] ?? ''}T${m[2] ?? ''}`, text: [rest], announced };
    if (rest === '{') this.block = opened;
    else this.close(opened);
  }

  end(): TraceDiagnostics {
    if (this.block) this.cut(this.block, 'the log ends before its closing "}"');
    return this.diagnostics;
  }

  private cut(block: Block, why: string): void {
    this.block = undefined;
    // Only a notification cut off is a damaged record (see close()).
    if (isNotification(block)) this.diagnostics.truncatedRecord(block.line, block.text[0] ?? '', `a notification ${why}`);
    else this.diagnostics.unknownLine(block.line, block.text[0] ?? '', `a block in braces ${why}, with no messageType`);
  }

  private close(block: Block): void {
    this.block = undefined;
    let value: unknown;
    try {
      value = JSON.parse(block.text.join('\n'));
    } catch (e) {
      // A notification cut or damaged is a damaged record; other console output that opens a brace
      // (an object the page printed, a request body) is no notification: a line the reader does not know.
      if (isNotification(block)) this.diagnostics.truncatedRecord(block.line, block.text[0] ?? '', `not complete JSON (${(e as Error).message})`);
      else this.diagnostics.unknownLine(block.line, block.text[0] ?? '', 'a block in braces that is no JSON notification');
      return;
    }
    // The API's documentation wraps a notification in {data, channel}; WWE prints the data.
    const data = isObject(value) && isObject(value.data) ? value.data : value;
    const type = isObject(data) ? data.messageType : undefined;
    if (typeof type !== 'string') {
      this.diagnostics.unknownLine(block.line, block.text[0] ?? '', 'a JSON block that is no GWS notification (no messageType)');
      return;
    }
    const json = data as Json;
    if (type === 'CallStateChangeMessage') this.out(block, this.call(json, block));
    else if (type === 'DeviceStateChangeMessage') for (const mapped of this.devices(json, block)) this.out(block, mapped);
    else this.diagnostics.unknownName(block.line, type);
  }

  private dn(number: string): DnEvents {
    let events = this.dns.get(number);
    if (!events) {
      events = new DnEvents(number, `DN ${number}`);
      this.dns.set(number, events);
    }
    return events;
  }

  private call(data: Json, block: Block): Mapped {
    const change = callChange(data);
    if (typeof change === 'string') return { events: [], problem: change };
    return this.dn(data.phoneNumber as string).callChanged(change, `${this.file}:${block.line}`);
  }

  private devices(data: Json, block: Block): Mapped[] {
    if (!Array.isArray(data.devices)) return [{ events: [], problem: 'a DeviceStateChangeMessage without a list of devices' }];
    return (data.devices as unknown[]).map((d) => {
      const change = dnChange(d);
      if (typeof change === 'string') return { events: [], problem: change };
      return this.dn((d as Json).phoneNumber as string).dnChanged(change, `${this.file}:${block.line}`);
    });
  }

  private out(block: Block, mapped: Mapped): void {
    if (mapped.problem) {
      this.diagnostics.truncatedRecord(block.line, block.text[0] ?? '', mapped.problem);
      return;
    }
    for (const e of mapped.events) {
      this.diagnostics.records += 1;
      if (e.name === UNMAPPED) this.diagnostics.unknownName(block.line, `${UNMAPPED} (a notification that shows no change the reader can name)`);
      this.emit({
        kind: 'event', name: e.name, attributes: e.attributes as Record<string, RawValue>, dn: e.dn ?? '',
        source: `${this.file}:${block.line}`, line: block.line, time: block.time, format: 'console',
      });
    }
  }
}

/** Whether a block that did not read as JSON was a notification (announced by the line before, or naming its messageType): then it is damaged, not other output. */
function isNotification(block: Block): boolean {
  return block.announced || block.text.some((l) => l.includes('"messageType"'));
}

/** A CallStateChangeMessage's call as the agent's session shows it, or why it cannot be read. */
function callChange(data: Json): CallChange | string {
  const call = data.call;
  const problem = callProblem(data);
  if (problem !== undefined || !isObject(call)) return problem ?? 'no call';
  const others = participantsOf(call.participants);
  if (!others) return `participants is not a list of numbers or {phoneNumber}: ${JSON.stringify(call.participants)?.slice(0, 200) ?? ''}`;
  const userData: KVList | undefined = call.userData === undefined ? [] : toKVList(call.userData);
  if (!userData || Array.isArray(call.userData)) return `userData is not an object of keys and values: ${JSON.stringify(call.userData)?.slice(0, 200) ?? ''}`;
  return {
    id: call.connId as string, state: call.state as CallStateName, participants: others.map((number) => ({ number })), others, userData,
    ...(typeof call.previousConnId === 'string' && call.previousConnId !== '' ? { previous: call.previousConnId } : {}),
    ...(typeof call.parentConnId === 'string' && call.parentConnId !== '' ? { parentConnId: call.parentConnId } : {}),
    callType: call.callType, notificationType: data.notificationType,
  };
}

/** What makes a CallStateChangeMessage unreadable before its parties and data: no DN, no ConnID, a state the reader does not know. */
function callProblem(data: Json): string | undefined {
  const call = data.call;
  if (typeof data.phoneNumber !== 'string' || data.phoneNumber === '') return 'a CallStateChangeMessage without the agent\'s phoneNumber (whose DN it is)';
  if (!isObject(call) || typeof call.connId !== 'string' || call.connId === '') return 'a CallStateChangeMessage whose call has no connId';
  if (!CALL_STATES.includes(call.state as CallStateName)) return `a call state the reader cannot map to T-Library events: ${JSON.stringify(call.state)} (it knows ${CALL_STATES.join(', ')})`;
  return undefined;
}

/** The other parties' numbers (GWS v2 lists them as strings in older releases, as objects with phoneNumber in later ones). */
function participantsOf(raw: unknown): string[] | undefined {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return undefined;
  const numbers: string[] = [];
  for (const p of raw as unknown[]) {
    const number = typeof p === 'string' ? p : isObject(p) ? p.phoneNumber ?? p.digits : undefined;
    if (typeof number !== 'string' || number === '') return undefined;
    numbers.push(number);
  }
  return numbers;
}

/** A device of a DeviceStateChangeMessage as the DN's view, or why it cannot be read. */
function dnChange(d: unknown): DnChange | string {
  if (!isObject(d) || typeof d.phoneNumber !== 'string' || d.phoneNumber === '') return 'a device without a phoneNumber';
  const user = d.userState;
  const state = isObject(user) ? user.state : undefined;
  if (!AGENT_STATES.includes(state as AgentStateName)) return `an agent state the reader cannot map: ${JSON.stringify(state)} (it knows ${AGENT_STATES.join(', ')})`;
  const workMode: AttrValue | undefined = isObject(user) && typeof user.workMode === 'string' ? user.workMode : undefined;
  return { agentState: state as AgentStateName, dnd: d.doNotDisturb === 'On', forwardTo: undefined, ...(workMode ? { agentWorkMode: workMode } : {}) };
}
