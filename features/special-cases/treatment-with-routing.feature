@model:treatment-with-routing @source:GenEM/SpecialCases @source:GenEM/CallRoutingEvents
Feature: Call treatment with routing
  Alice's call waits at the routing point Entry. Before routing it, the router has the switch apply
  a treatment that collects digits from the caller. The routing point reports the treatment applied
  and, when the caller has entered the digits, the end of the treatment with the collected digits;
  the router then routes the call. If the collection is stopped, the routing point gets EventError
  with ErrorCode 1700.

  Source: Genesys Events and Models Reference, Special Cases, "Call treatment with routing" — known
  by its title only. The end of a digit collection at a routing point is read from the Genesys QA
  model of SIP Server (its routing point's digit collection): EventTreatmentEnd with TreatmentType,
  the ReferenceID of the treatment request and CollectedDigits; EventError 1700 when the collection
  is stopped. EventTreatmentApplied means the treatment device runs the treatment (Call-Treatment
  Events, Voice Microservices copy). EventError carries the failed request's ReferenceID
  (Negative-Response Events: mandatory). The routing afterwards is the routing-point model.

  Uncertain: EventTreatmentApplied as the answer to the treatment request, and its attributes, are
  reconstructed (the Voice Microservices table was cut); what stops a collection is not read — here
  the caller hangs up during it, so the routing point also reports the call abandoned. The QA model
  attaches no ReferenceID to EventError 1700; GenEM's EventError table makes it mandatory, so it is
  required (any value).

  Background:
    Given Alice is on extension 7001
    And Entry is the routing point 9001
    And Bob is on extension 7002

  Rule: The router has digits collected at the routing point, then routes the call

    @inferred
    Scenario: The router has Entry collect digits from Alice
      Given Alice is waiting in Entry
      When the router collects digits from the caller
      Then Entry receives, in order:
        | event                 | ConnID | ThisDN | ThisQueue | TreatmentType | ReferenceID |
        | EventTreatmentApplied | $call1 | Entry  | Entry     | CollectDigits | $request    |

    @requires:digit-entry @qa-model
    Scenario: Alice enters her digits, and Entry reports the treatment ended with the digits
      Given Alice is waiting in Entry
      And the router is collecting digits from the caller
      When Alice enters the digits 4711
      Then Entry receives, in order:
        | event             | ConnID | ThisDN | TreatmentType | CollectedDigits | ReferenceID |
        | EventTreatmentEnd | $call1 | Entry  | CollectDigits | 4711            | any         |

    @inferred @requires:digit-entry
    Scenario: The router routes the call to Bob after the digits were collected
      Given Alice is waiting in Entry
      And the router is collecting digits from the caller
      And Alice has entered the digits 4711
      When the router routes the call to Bob
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | ThirdPartyDN | ReferenceID |
        | Entry | EventRouteUsed | $call1 | Entry  | Entry     | Bob          | $request    |
        | Entry | EventDiverted  | $call1 | Entry  | Entry     | Bob          |             |
        | Bob   | EventRinging   | $call1 | Bob    | Entry     |              |             |

  Rule: A stopped digit collection is reported with EventError 1700

    @inferred
    Scenario: Alice hangs up during the collection; Entry gets EventError 1700 and reports the call abandoned
      Given Alice is waiting in Entry
      And the router is collecting digits from the caller
      When Alice hangs up
      Then each DN receives, in order:
        | step | dn    | event          | ConnID | ThisDN | ErrorCode | ReferenceID |
        | 1    | Alice | EventReleased  | $call1 | Alice  |           | $request    |
        | 2    | Entry | EventError     |        |        | 1700      | any         |
        | 2    | Entry | EventAbandoned | $call1 | Entry  |           |             |
