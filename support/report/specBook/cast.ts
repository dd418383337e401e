/**
 * The cast of a scenario as the book shows it: the parties declared by the Background and by the
 * scenario's own Given steps, read from the step texts of the Gherkin AST. The patterns mirror the
 * party declarations of `steps/parties.steps.ts`; a declaration the book does not recognise only
 * costs a lane (its events still get one, see the diagram renderer).
 */
import type { DiagramParty } from '../diagram';

const KIND = '(extension|ACD position|ACD queue|routing point)';
const DN = '(\\+?[A-Za-z0-9_]*\\d[A-Za-z0-9_]*)';

const DECLARATIONS: readonly { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => DiagramParty }[] = [
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) is on ${KIND} ${DN}$`), read: (m) => party(m[1], m[3], m[2]) },
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) is an agent on ${KIND} ${DN}$`), read: (m) => party(m[1], m[3], `agent, ${m[2] ?? ''}`) },
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) is agent (\\S+) on ${KIND} ${DN}$`), read: (m) => party(m[1], m[4], `agent ${m[2] ?? ''}, ${m[3] ?? ''}`) },
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) is the ${KIND} ${DN}$`), read: (m) => party(m[1], m[3], m[2]) },
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) is an outside caller at ${DN}$`), read: (m) => party(m[1], m[2], 'outside caller') },
  { pattern: new RegExp(`^([A-Z][A-Za-z0-9_]*) uses DN ${DN}, which the switch does not know$`), read: (m) => party(m[1], m[2], 'unknown to the switch') },
];

function party(name: string | undefined, dn: string | undefined, kind: string | undefined): DiagramParty {
  return { name: name ?? '?', ...(dn ? { dn } : {}), ...(kind ? { kind } : {}) };
}

/** The party a step text declares, or undefined when the step is not a declaration. */
export function declaredParty(text: string): DiagramParty | undefined {
  for (const d of DECLARATIONS) {
    const m = d.pattern.exec(text);
    if (m) return d.read(m);
  }
  return undefined;
}

/** Parties declared by these steps, in order (a later declaration of the same name is ignored). */
export function castOf(stepTexts: readonly string[]): DiagramParty[] {
  const cast: DiagramParty[] = [];
  for (const text of stepTexts) {
    const p = declaredParty(text);
    if (p && !cast.some((c) => c.name === p.name)) cast.push(p);
  }
  return cast;
}
