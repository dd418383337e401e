@model:release-phase @source:GenEM/ReleasingCalls @severity:critical
Feature: Release phase
  Two parties are in conversation and one of them releases the call. T-Server tells both parties
  that they left the call, with the same ConnID and CallState Ok. The two events form one row of the
  documented table, so they may arrive in either order. This is the building block "Release Phase"
  that the other models reuse.

  Source: Genesys Events and Models Reference, Releasing Calls, "Release Phase" (table read
  complete). OtherDN is optional in both events (*OPT in the table). Not checked here: CallID,
  timestamps, the ReleasingParty extension of CSTA-based T-Servers.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002

  Rule: Either party may release, and both are told in the same documented row

    Scenario: Alice, who made the call, releases it
      Given Alice is talking to Bob
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | step | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | 1    | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |
        | Bob   | 1    | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |

    Scenario: Bob, who answered the call, releases it
      Given Alice is talking to Bob
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | step | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Bob   | 1    | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |
        | Alice | 1    | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |

    Scenario: The releasing party's event answers its request
      Given Alice is talking to Bob
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ReferenceID | CallState |
        | EventReleased | $call1 | $request    | Ok        |
      And Bob receives, in order:
        | event         | ConnID | CallState |
        | EventReleased | $call1 | Ok        |
