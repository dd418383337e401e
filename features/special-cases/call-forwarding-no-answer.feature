@model:call-forwarding-no-answer @source:GenEM/SpecialCases @source:GenEM/BasicCallModels @inferred
Feature: Call forwarding on no answer
  An extension has forwarded its calls on no answer to another extension. A call to it rings as
  usual; if it is not answered before the no-answer timer expires, it leaves the call and the call
  rings at the forwarding destination, which may answer it. The caller keeps its ConnID and is not
  told of the forwarding until the destination answers.

  Source: Genesys Events and Models Reference, Special Cases, "Call forwarding" (on no answer) —
  known by title only. The forward modes are those of TForwardMode (T-Library reference).

  Uncertain: the sequence is reconstructed from the READ redirect model of the Genesys QA model of
  SIP Server (TRedirectCall: the redirecting DN gets EventReleased with ThirdPartyDN the destination,
  role Destination; the destination rings on the same ConnID; the caller gets no event), with
  CallState Forwarded for Redirected — the QA model sees incoming forwarded calls with CallState
  Forwarded. That the caller gets nothing when the call moves, and the CallState values, are
  hypotheses. The no-answer timer is driven by the test (capability alerting-control).

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
      Then the switch reports, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | OtherDN    | OtherDNRole      | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | Bob   | EventReleased | $call1 | Bob    | Destination | Alice *OPT | Origination *OPT | Carol        | Destination      | Forwarded |
        | Carol | EventRinging  | $call1 | Carol  | Destination | Alice      | Origination      |              |                  | Forwarded |

    @requires:alerting-control
    Scenario: Carol answers the forwarded call, and Alice is connected to her
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      And Bob has not answered before the no-answer timer expired
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Carol   | Destination |
        | Carol | EventEstablished | $call1 | Carol  | Destination | Alice   | Origination |

    @requires:alerting-control
    Scenario: Alice hangs up while the forwarded call rings at Carol
      Given Bob has forwarded his calls to Carol on no answer
      And Alice is calling Bob
      And Bob has not answered before the no-answer timer expired
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased  | $call1 | Alice  | Carol *OPT | Ok        |
        | Carol | EventAbandoned | $call1 | Carol  | Alice      | Ok        |
