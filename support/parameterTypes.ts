/**
 * Cucumber Expression parameter types: the domain vocabulary of the steps.
 */
import { defineParameterType } from '@cucumber/cucumber';

/** A party named in the Background: a capitalised name ("Alice", "Sales"). */
defineParameterType({ name: 'party', regexp: /[A-Z][A-Za-z0-9_]*/, transformer: (s: string) => s });

/** A DN or an outside number as the switch knows it ("7001", "+15550100", "VQ_Sales"). */
defineParameterType({ name: 'dn', regexp: /\+?[A-Za-z0-9_]*\d[A-Za-z0-9_]*/, transformer: (s: string) => s });

/** The kind of telephony object a party uses. */
defineParameterType({ name: 'dn kind', regexp: /extension|ACD position|ACD queue|routing point/, transformer: (s: string) => s });

/** An agent work mode that makes an agent not ready (AgentWorkMode names). */
defineParameterType({
  name: 'not ready mode',
  regexp: /after-call work|auxiliary work|walk-away|no call disconnect|legal guard/,
  transformer: (s: string) => ({
    'after-call work': 'AfterCallWork', 'auxiliary work': 'AuxWork', 'walk-away': 'WalkAway',
    'no call disconnect': 'NoCallDisconnect', 'legal guard': 'AutoIn',
  })[s] ?? s,
});
