@model:sca-termination-non-shared @source:GenEM/SCA @source:GenEM/ReleasingCalls
Feature: Shared call appearance, call termination by a non-shared-line phone
  Alice, whose phone is not on the shared line, talks to Sam, who answered her call on the line's
  first appearance; Alice hangs up. Both parties' calls are released, as in the Release Phase of any
  call. The other appearance left the call when Sam answered and is not involved; a call-monitoring
  client is told that the parties were deleted from the call.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later), "Call Termination by a Non-shared Line Phone": the row EventReleased (ConnID 1) for the
  caller, EventReleased (ConnID 1) for a shared-line DN and EventCallPartyDeleted (ConnID 1) for call
  monitoring, read as event names in this order without their other attributes. The first scenario
  asserts what was read: the two EventReleased of one row, on ConnID 1, at the caller and at the
  appearance.

  Uncertain: the shared-line column of the second EventReleased (60970, the appearance that
  answered, Sam here) and the column of EventCallPartyDeleted are placed as the same events' columns
  in "Inbound Call Answered". That the two EventReleased carry the attributes of GenEM's Release
  Phase (Releasing Calls: OtherDN *OPT, CallState Ok, the request's ReferenceID at the party that
  hung up) is reconstructed, since the row read shows only their ConnID. Which parties the
  call-monitoring client is told were deleted, and that the call itself is then deleted, are
  reconstructed.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: The caller hangs up, and both parties of the call are released

    Scenario: Alice hangs up after Sam answered; Alice and Sam are released, and Tess is not involved
      Given Alice is talking to Sam
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | step | ConnID | ThisDN |
        | Alice | EventReleased | 1    | $call1 | Alice  |
        | Sam   | EventReleased | 1    | $call1 | Sam    |

    @inferred
    Scenario: Alice hangs up after Sam answered; both releases carry the attributes of the Release Phase
      Given Alice is talking to Sam
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | step | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | Alice | EventReleased | 1    | $call1 | Alice  | Sam *OPT   | Ok        | $request    |
        | Sam   | EventReleased | 1    | $call1 | Sam    | Alice *OPT | Ok        |             |

    @inferred @requires:call-monitoring
    Scenario: A call-monitoring client is told that the parties were deleted and the call is gone
      Given Cleo is a call-monitoring client of the switch
      And Alice is talking to Sam
      When Alice hangs up
      Then Cleo receives, in any order:
        | event                 | ConnID | AttributeDN |
        | EventCallPartyDeleted | $call1 | Alice       |
        | EventCallPartyDeleted | $call1 | Sam         |
        | EventCallDeleted      | $call1 |             |
      And each DN receives, in order:
        | dn    | event         | ConnID |
        | Alice | EventReleased | $call1 |
        | Sam   | EventReleased | $call1 |
