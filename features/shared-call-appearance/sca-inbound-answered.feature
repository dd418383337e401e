@model:sca-inbound-answered @source:GenEM/SCA @source:GenEM/SpecialCases @inferred
Feature: Shared call appearance, inbound call answered
  A call to a shared line alerts every appearance; one of them answers. The caller is told the call
  is established with the line as its other party; the appearance that answered is connected, and
  the appearances that did not answer leave the call. The call then goes on as a two-party call.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later), "Inbound call answered" — only its first row was read: the caller's
  EventEstablished(ConnID 1, ThisDN 60972, ThisDNRole Origination, OtherDN 60970). The appearances
  are 60970 and 60970_2 as in "Inbound call alerting" (Sam and Tess here).

  Uncertain: every row but the caller's is reconstructed. The answering appearance's
  EventEstablished follows the Basic Call Models. That the other appearances get EventReleased (not
  EventAbandoned, and not staying bridged) follows the hunt-group members of the Genesys QA model of
  SIP Server, which also ring with CallState Covered; their CallState is not checked. When the second
  appearance answers, the caller's OtherDN may be the line or that appearance.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: One appearance answers; the others leave the call

    Scenario: Sam answers on the line's first appearance
      Given Alice is calling Sam
      When Sam answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | CallState |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Sam     | Destination | Ok        |
        | Sam   | EventEstablished | $call1 | Sam    | Destination | Alice   | Origination | Ok        |
        | Tess  | EventReleased    | $call1 | Tess   | Destination |         |             |           |

    Scenario: Tess answers on the line's second appearance
      Given Alice is calling Sam
      When Tess answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole | CallState |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Sam or Tess | Destination | Ok        |
        | Tess  | EventEstablished | $call1 | Tess   | Destination | Alice       | Origination | Ok        |
        | Sam   | EventReleased    | $call1 | Sam    | Destination |             |             |           |

  Rule: The answered call is released as a two-party call

    Scenario: Alice hangs up after Sam answered, and Tess is not involved
      Given Alice is talking to Sam
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Sam *OPT   | Ok        |
        | Sam   | EventReleased | $call1 | Sam    | Alice *OPT | Ok        |
