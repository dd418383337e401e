@model:call-forwarding-no-answer @source:GenEM/SpecialCases @source:GenEM/BasicCallModels @inferred
Feature: Call forwarding on no answer
  An extension has forwarded its calls on no answer to another extension. A call to it rings as
  usual; if it is not answered before the no-answer timer expires, it leaves the call and the call
  rings at the forwarding destination, which may answer it. The caller keeps its ConnID and is not
  told of the forwarding until the destination answers.

  Source: Genesys Events and Models Reference, Special Cases, "Call forwarding" (on no answer) —
  known by title only. The forward modes are those of TForwardMode (T-Library reference).

  Uncertain: the sequence is reconstructed from the redirect model of the Genesys QA model of SIP
  Server (TRedirectCall: the redirecting DN gets EventReleased, the destination rings on the same
  ConnID with the redirecting DN's role, the caller gets no event). What the forwarding adds to the
  events is not read anywhere, so the forwarding scenario asserts only what that model defends: the
  events, the ConnID, Bob's ThirdPartyDN as Carol if present and Carol's role; neither event's
  CallState (Redirected in the redirect model; the QA model sees incoming forwarded calls as
  Forwarded) nor the order across DNs. The redirect model gives Carol no OtherDN, and in the QA model
  a call that continues a forwarded call names the forwarding DN as its other party: Carol's OtherDN
  may be the caller or Bob. Likewise Alice's OtherDN, once the call has moved, may be Carol or the
  number she dialled. If Alice hangs up while Carol rings, the release follows the basic call's
  interruption point *** (Alice released with CallState Ok, Carol abandoned); the CallState of
  Carol's abandon after a forwarding is not read, so it is not asserted. That the caller gets
  nothing when the call moves is a hypothesis. The no-answer timer is driven by the test
  (capability alerting-control).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: Before the no-answer timer expires, the call rings and can be answered as usual

    Scenario: Alice calls Bob, who forwards on no answer, and Bob's phone rings
      Given Bob has forwarded his calls to Carol on no answer
      When Alice calls Bob
      Then the switch reports, in order:
        | dn    | event        | ConnID | ThisDN | ThisDNRole  | OtherDN   | OtherDNRole       | CallState |
        | Alice | EventDialing | $call1 | Alice  | Origination | Bob *DIAL | Destination *DIAL |           |
        | Bob   | EventRinging | $call1 | Bob    | Destination | Alice     | Origination       | Ok        |

    Scenario: Bob answers in time, and the call is not forwarded
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | OtherDN |
        | Alice | EventEstablished | $call1 | Alice  | Bob     |
        | Bob   | EventEstablished | $call1 | Bob    | Alice   |

  Rule: When the timer expires, the call leaves the forwarding DN and rings at the destination

    @requires:alerting-control
    Scenario: Bob does not answer, and the call is forwarded to Carol
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      When Bob does not answer before the no-answer timer expires
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | OtherDN      | ThirdPartyDN    |
        | Bob   | EventReleased | $call1 | Bob    |             | Alice *OPT   | Carol or absent |
        | Carol | EventRinging  | $call1 | Carol  | Destination | Alice or Bob |                 |

    @requires:alerting-control
    Scenario: Carol answers the forwarded call, and Alice is connected to her
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      And Bob has not answered before the no-answer timer expired
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN      |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Carol or Bob |
        | Carol | EventEstablished | $call1 | Carol  | Destination | Alice or Bob |

    @requires:alerting-control
    Scenario: Alice hangs up while the forwarded call rings at Carol
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      And Bob has not answered before the no-answer timer expired
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN           | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Carol or Bob *OPT | Ok        |
        | Carol | EventAbandoned | $call1 | Carol  | Alice or Bob      |           |
