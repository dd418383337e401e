@model:bridged-appearance-hold-retrieve @source:GenEM/SpecialCases @source:GenEM/HoldingTransferringandConferencing
Feature: Hold and retrieve for a bridged appearance
  An extension whose line has a bridged appearance holds and retrieves a call. The hold and the
  retrieve are reported to the extension and, repeated with its own DN, to the bridged appearance;
  the other party of the call is not told. A caller who hangs up while held releases the call at
  the extension and at the appearance.

  Source: Genesys Events and Models Reference, Special Cases, "Hold-retrieve for bridged appearance"
  — known by title; the Genesys QA model of SIP Server READs that each bridged appearance of a party
  gets EventHeld when the party's call is held for a consultation, and EventRetrieved (with the
  party's CallState) when it is retrieved into a conference. Hold and Retrieve themselves are those of
  "Hold/Retrieve: consulted party answers". Not checked here: picking up the held call on the bridged
  appearance.

  The two scenarios of the consultation and the conference restate those QA-model facts and judge
  nothing else the parties receive (the consultation's and the conference's own events are their
  models'; whether the appearance also sees the consultation call is not read).

  Uncertain: EventHeld at the appearance for a plain hold, and EventRetrieved (CallState Ok) for a
  plain retrieve, extend the QA model's rule from consultations and conferences to hold and retrieve
  on their own. The release while held is reconstructed with the same rule.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Dave is on 7012, a bridged appearance of Bob's line

  Rule: A consultation and a conference are reported at the principal's bridged appearance

    @qa-model @extras-allowed:Bob @extras-allowed:Carol @extras-allowed:Dave
    Scenario: Bob starts a consultation with Carol, and the bridged appearance shows the main call held
      Given Carol is on extension 7003
      And Alice is talking to Bob
      When Bob starts a consultation with Carol for a transfer
      Then Dave receives, in order:
        | event     | ConnID |
        | EventHeld | $call1 |

    @qa-model @extras-allowed
    Scenario: Bob completes a conference with Carol, and the bridged appearance shows the main call retrieved into it
      Given Carol is on extension 7003
      And Alice is talking to Bob
      And Bob has started a consultation with Carol for a conference
      And Carol has answered the consultation call
      When Bob completes the conference
      Then Dave receives, in order:
        | event          | ConnID | CallState   |
        | EventRetrieved | $call1 | Conferenced |

  Rule: Holding and retrieving are reported at the principal and at its bridged appearance

    @inferred
    Scenario: Bob puts Alice on hold, and the bridged appearance shows the hold
      Given Alice is talking to Bob
      When Bob puts the call on hold
      Then each DN receives, in order:
        | dn   | event     | ConnID | ThisDN | OtherDN |
        | Bob  | EventHeld | $call1 | Bob    | Alice   |
        | Dave | EventHeld | $call1 | Dave   | Alice   |

    @inferred
    Scenario: Bob retrieves Alice, and the bridged appearance shows the retrieve
      Given Alice is talking to Bob
      And Bob has put the call on hold
      When Bob retrieves the held call
      Then each DN receives, in order:
        | dn   | event          | ConnID | ThisDN | ThisDNRole  | OtherDN | CallState | ReferenceID |
        | Bob  | EventRetrieved | $call1 | Bob    | Destination | Alice   | Ok        | $request    |
        | Dave | EventRetrieved | $call1 | Dave   | Destination | Alice   | Ok        |             |

  Rule: The held caller hangs up

    @inferred
    Scenario: Alice hangs up while on hold, and the call is released at Bob and the bridged appearance
      Given Alice is talking to Bob
      And Bob has put the call on hold
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |
        | Bob   | EventReleased | $call1 | Bob    | Alice *OPT | Ok        |
        | Dave  | EventReleased | $call1 | Dave   | Alice *OPT | Ok        |
