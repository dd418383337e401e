@model:sca-inbound-answered @source:GenEM/SCA
Feature: Shared call appearance, inbound call answered
  A call to a shared line alerts every appearance; one of them answers. The caller is told the call
  is established with the line as its other party, the appearance that answered is connected, and
  the appearances that did not answer leave the call. The call then goes on as a two-party call
  (its release is the model "Call termination by a non-shared-line phone").

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and later),
  "Inbound Call Answered". Read with attributes: the caller's EventEstablished (ConnID 1, ThisDN 60972,
  ThisDNRole Origination, OtherDN 60970, OtherDNRole Destination) and the answering appearance's
  EventEstablished (ConnID 1, ThisDN 60970, ThisDNRole Destination, OtherDN 6…, cut there). The same row
  goes on with an EventReleased (ConnID 1) and a call-monitoring EventCallPartyDeleted (ConnID 1). The
  appearances are 60970 and 60970_2 as in "Inbound Call Alerting" (Sam and Tess here; Alice is 60972).

  Uncertain: the rendering read does not show the columns of the EventReleased and of
  EventCallPartyDeleted. That they are the second appearance's (it stops alerting: released, not
  abandoned) and the monitoring client's is reconstructed, so the first scenario asserts only the two
  established events (events at the second appearance do not fail it) and the second asserts the whole
  row. When the second appearance answers, the caller's OtherDN may be the line or that appearance. The
  answering appearance's OtherDN is read only as "6…", taken to be the caller. The monitoring client's
  EventCallPartyState for the caller and for the answering appearance are not in the row read:
  reconstructed.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: One appearance answers; the caller and that appearance are connected

    @extras-allowed:Tess
    Scenario: Sam answers on the line's first appearance, and Alice and Sam are connected
      Given Alice is calling Sam
      When Sam answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Sam     | Destination |
        | Sam   | EventEstablished | $call1 | Sam    | Destination | Alice   |             |

  Rule: The appearances that did not answer leave the call

    @inferred
    Scenario: Sam answers, and Tess's appearance stops alerting
      Given Alice is calling Sam
      When Sam answers
      Then each DN receives, in order:
        | dn    | event            | step | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | CallState |
        | Alice | EventEstablished | 1    | $call1 | Alice  | Origination | Sam     | Destination | Ok        |
        | Sam   | EventEstablished | 1    | $call1 | Sam    | Destination | Alice   | Origination | Ok        |
        | Tess  | EventReleased    | 1    | $call1 | Tess   |             |         |             |           |

    @inferred
    Scenario: Tess answers on the line's second appearance, and Sam's appearance stops alerting
      Given Alice is calling Sam
      When Tess answers
      Then each DN receives, in order:
        | dn    | event            | step | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole | CallState |
        | Alice | EventEstablished | 1    | $call1 | Alice  | Origination | Sam or Tess | Destination | Ok        |
        | Tess  | EventEstablished | 1    | $call1 | Tess   | Destination | Alice       | Origination | Ok        |
        | Sam   | EventReleased    | 1    | $call1 | Sam    |             |             |             |           |

    @inferred @requires:call-monitoring
    Scenario: A call-monitoring client is told that the appearance that did not answer was deleted from the call
      Given Cleo is a call-monitoring client of the switch
      And Alice is calling Sam
      When Sam answers
      Then Cleo receives, in any order:
        | event                 | ConnID | AttributeDN |
        | EventCallPartyDeleted | $call1 | Tess        |
        | EventCallPartyState   | $call1 | Alice       |
        | EventCallPartyState   | $call1 | Sam         |
      And each DN receives, in order:
        | dn    | event            | ConnID |
        | Alice | EventEstablished | $call1 |
        | Sam   | EventEstablished | $call1 |
        | Tess  | EventReleased    | $call1 |
