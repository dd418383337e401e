/**
 * What an adapter that sees the system at a coarser level than T-Library (e.g. the Workspace API:
 * call states per agent) can judge. The adapter declares it ({@link Observation} in its
 * capabilities); a scenario whose tables expect what the level cannot show — an event it does not
 * report, a DN it has no view of, an attribute it does not carry, an order across DNs — is skipped
 * with that reason before anything is sent, never judged on half of its rows. Attributes the level
 * carries no trace of at all and that the adapter lists as `unchecked` are left out of the
 * comparison, and the scenario says which cells were not checked.
 */
import type { Observation, PartyConfig } from './contract';
import { lookupAttribute, lookupEvent } from '../model/catalogue';
import { expectationStepFor, stepParty } from '../matching/expectationSteps';
import type { ExpectedRow } from '../matching/expectation';

/** An expectation step of the scenario as the pickle has it: its text and raw table. */
export interface ScenarioTable {
  readonly text: string;
  readonly rows: readonly (readonly string[])[];
}

const NOT_ATTRIBUTES = new Set(['dn', 'party', 'event', 'step']);

function canonicalAttribute(header: string): string {
  const squeezed = header.replace(/\s+/g, '');
  return lookupAttribute(squeezed)?.name ?? squeezed;
}

/**
 * Why the scenario cannot be judged at this level, or undefined. `partyOf` resolves a party name or
 * DN of the feature (undefined: not a declared party).
 */
export function observationGap(tables: readonly ScenarioTable[], observation: Observation, partyOf: (nameOrDn: string) => PartyConfig | undefined): string | undefined {
  for (const table of tables) {
    // Events the model leaves optional do not make the scenario unjudgeable: that table alone is not judged (optionalTableGap).
    const step = expectationStepFor(table.text);
    if (step?.optional) continue;
    // Alternatives are required: at a level that drops cells a row would hold on any event of its name.
    if (step?.anyOf) return `the model's alternatives ("${table.text}") are judged at T-Library level only`;
    const gap = tableGap(table, observation, partyOf);
    if (gap) return gap;
  }
  return undefined;
}

/** Why an optional table ("Sales may also receive") is not judged at this level, or undefined: the rest of its scenario is. */
export function optionalTableGap(table: ScenarioTable, observation: Observation, partyOf: (nameOrDn: string) => PartyConfig | undefined): string | undefined {
  return tableGap(table, observation, partyOf);
}

function tableGap(table: ScenarioTable, observation: Observation, partyOf: (nameOrDn: string) => PartyConfig | undefined): string | undefined {
  const step = expectationStepFor(table.text);
  const [header, ...rows] = table.rows;
  if (!step || !header) return undefined;
  const columns = header.map((h) => h.trim().toLowerCase());
  const dnColumn = columns.findIndex((c) => c === 'dn' || c === 'party');
  const eventColumn = columns.indexOf('event');
  const stepDn = stepParty(step, table.text);
  const dns = new Set<string>();
  for (const row of rows) {
    const dn = stepDn ?? row[dnColumn] ?? '';
    const party = partyOf(dn);
    dns.add(party?.dn ?? dn);
    const gap = rowGap(row, header, columns, row[eventColumn] ?? '', dn, party, observation);
    if (gap) return gap;
  }
  if (step.mode === 'total' && dns.size > 1 && !observation.crossDnOrder) {
    return `the model orders events across DNs ("${table.text}"), which the ${observation.tier} cannot show: each agent's notifications arrive on a stream of their own`;
  }
  return undefined;
}

function rowGap(row: readonly string[], header: readonly string[], columns: readonly string[], eventCell: string, dn: string, party: PartyConfig | undefined, observation: Observation): string | undefined {
  const tier = observation.tier;
  const event = lookupEvent(eventCell) ?? eventCell;
  if (!observation.events.includes(event)) return `the model expects ${event}, which the ${tier} does not show`;
  if (!party || party.participant || !observation.partyTypes.includes(party.type)) {
    const kind = party ? ` (${party.participant ? party.participant.kind : party.type})` : '';
    return `the model expects events on ${dn}${kind}, which the ${tier} has no view of`;
  }
  const shown = new Set([...observation.attributes, ...observation.unchecked]);
  for (const [i, cell] of row.entries()) {
    if (cell.trim() === '' || NOT_ATTRIBUTES.has(columns[i] ?? '')) continue;
    const attribute = canonicalAttribute(header[i] ?? '');
    if (!shown.has(attribute)) return `the model asserts ${attribute} (${event}: ${cell.trim()}), which the ${tier} does not show`;
  }
  return undefined;
}

/** The rows without the cells of attributes the level does not carry, and which cells those were. */
export function withoutUnchecked(rows: readonly ExpectedRow[], observation: Observation): { rows: ExpectedRow[]; unchecked: string[] } {
  const skip = new Set(observation.unchecked);
  const unchecked = new Set<string>();
  const kept = rows.map((row) => {
    const cells = row.cells.filter((cell) => {
      if (!skip.has(cell.attribute)) return true;
      unchecked.add(cell.attribute);
      return false;
    });
    return { ...row, cells };
  });
  return { rows: kept, unchecked: [...unchecked] };
}
