@model:call-based-notifications @source:GenEM/TLibraryCallBasedEvents @source:GenEM/SCA @requires:call-monitoring
Feature: T-Library call-based notifications
  Cleo is a call-monitoring client: instead of one DN's events she is told about calls. A call is
  created, its data changes and it is deleted (EventCallCreated, EventCallDataChanged,
  EventCallDeleted — the only three call notifications); its parties are added, change state, move
  to another call and are deleted (EventCallPartyAdded, EventCallPartyState, EventCallPartyMoved,
  EventCallPartyDeleted). A call keeps its CallUUID for life, a consultation names its main call in
  OrigCallUUID, and a call merged into another is deleted with RefCallUUID naming the survivor.

  Source: Genesys Events and Models Reference, T-Library Call-Based Notifications (the rules and the
  EventCallCreated table: CallUUID and ConnID mandatory, CallType, OrigCallUUID, UserData optional;
  RefCallUUID on a merge; CtrlParty in EventCallPartyDeleted and EventCallDeleted) and the call
  monitoring part of the Shared Call Appearance "Inbound call alerting" model (a caller is added as
  Initiated and then reported Connected+Dialing; the called party is added Alerting). PartyState is
  the packed unified call-party state: 1 Initiated, 10 Alerting, 12 Connected, 14 Held, 65548
  Connected+Dialing. The DN events of each step are those of the Basic Call Models, Handling User
  Data and the two-step transfer, checked here only so that nothing else arrives.

  Uncertain: only EventCallCreated's attribute table and the field names of the party events were
  read; the documented scenario asserts that table (CallType is optional there), the party events of
  a plain call are an analogy with the shared-line flow and are @inferred. Which party event carries PartyUUID, DN, PartyState, NewCallUUID and CtrlParty, the order
  of the party events after an answer, a transfer or a release, and the state names after the
  alerting phase are reconstructed. The two-step transfer's DN events are themselves reconstructed
  (see the two-step transfer models) and are matched loosely here.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  @extras-allowed:Cleo
  Scenario: Alice calls Bob, and the call is created with its CallUUID and ConnID
    Given Cleo is a call-monitoring client of the switch
    When Alice calls Bob
    Then Cleo receives, in order:
      | event            | CallUUID | ConnID | CallType           |
      | EventCallCreated | any      | $call1 | Internal or absent |
    And each DN receives, in order:
      | dn    | event        | ConnID |
      | Alice | EventDialing | $call1 |
      | Bob   | EventRinging | $call1 |

  @inferred
  Scenario: Alice calls Bob: the call is created, the caller is added and dials, Bob is alerted
    Given Cleo is a call-monitoring client of the switch
    When Alice calls Bob
    Then Cleo receives, in order:
      | event               | CallUUID | ConnID | CallType           | AttributeDN | PartyUUID | PartyState |
      | EventCallCreated    | $uuid1   | $call1 | Internal or absent |             |           |            |
      | EventCallPartyAdded | $uuid1   | $call1 |                    | Alice       | $alice    | 1          |
      | EventCallPartyState | $uuid1   | $call1 |                    | Alice       | $alice    | 65548      |
      | EventCallPartyAdded | $uuid1   | $call1 |                    | Bob         | $bob      | 10         |
    And each DN receives, in order:
      | dn    | event        | ConnID |
      | Alice | EventDialing | $call1 |
      | Bob   | EventRinging | $call1 |

  @inferred
  Scenario: Bob answers: both parties are connected, the call keeps its CallUUID
    Given Cleo is a call-monitoring client of the switch
    And Alice is calling Bob
    When Bob answers
    Then Cleo receives, in any order:
      | event               | CallUUID | ConnID | AttributeDN | PartyState |
      | EventCallPartyState | $uuid1   | $call1 | Bob         | 12         |
      | EventCallPartyState | $uuid1   | $call1 | Alice       | 12         |
    And each DN receives, in order:
      | dn    | event            | ConnID |
      | Alice | EventEstablished | $call1 |
      | Bob   | EventEstablished | $call1 |

  @inferred
  Scenario: Alice attaches data to the call: the call's data changed
    Given Cleo is a call-monitoring client of the switch
    And Alice is talking to Bob
    When Alice attaches user data to the call:
      | key     | value |
      | Segment | Gold  |
    Then Cleo receives, in order:
      | event                | CallUUID | ConnID | UserData     |
      | EventCallDataChanged | any      | $call1 | Segment=Gold |
    And each DN receives, in order:
      | dn    | event                    | ConnID |
      | Alice | EventAttachedDataChanged | $call1 |
      | Bob   | EventAttachedDataChanged | $call1 |

  @inferred
  Scenario: Bob consults Carol: the consultation is a new call that names the main call
    Given Cleo is a call-monitoring client of the switch
    And Alice is talking to Bob
    When Bob starts a consultation with Carol for a transfer
    Then Cleo receives, in any order:
      | event               | CallUUID | ConnID | CallType | OrigCallUUID | AttributeDN | PartyState |
      | EventCallPartyState | $main    | $call1 |          |              | Bob         | 14         |
      | EventCallCreated    | $consult | $call2 | Consult  | $main        |             |            |
      | EventCallPartyAdded | $consult | $call2 |          |              | Bob         | 1          |
      | EventCallPartyState | $consult | $call2 |          |              | Bob         | 65548      |
      | EventCallPartyAdded | $consult | $call2 |          |              | Carol       | 10         |
    And the switch reports, in any order:
      | dn    | event        | ConnID |
      | Bob   | EventHeld    | $call1 |
      | Bob   | EventDialing | $call2 |
      | Carol | EventRinging | $call2 |

  @inferred
  Scenario: Bob completes the transfer: Carol moves to the main call, the consultation is merged into it
    Given Cleo is a call-monitoring client of the switch
    And Alice is talking to Bob
    And Bob has started a consultation with Carol for a transfer
    And Carol has answered the consultation call
    When Bob completes the transfer
    Then Cleo receives, in any order:
      | event                 | CallUUID | NewCallUUID | RefCallUUID | ConnID | AttributeDN | CtrlParty |
      | EventCallPartyMoved   | $consult | $main       |             |        | Carol       |           |
      | EventCallPartyDeleted | $main    |             |             | $call1 | Bob         | Bob       |
      | EventCallPartyDeleted | $consult |             |             | $call2 | Bob         | Bob       |
      | EventCallDeleted      | $consult |             | $main       | $call2 |             | Bob       |
    And the switch reports, in any order:
      | dn    | event             | ConnID |
      | Bob   | EventReleased     | $call2 |
      | Bob   | EventReleased     | $call1 |
      | Alice | EventPartyChanged | $call1 |
      | Carol | EventPartyChanged | $call1 |

  @inferred
  Scenario: Alice hangs up: both parties are deleted, then the call
    Given Cleo is a call-monitoring client of the switch
    And Alice is talking to Bob
    When Alice hangs up
    Then Cleo receives, in order:
      | event                 | CallUUID | ConnID | AttributeDN | CtrlParty |
      | EventCallPartyDeleted | $uuid1   | $call1 | Alice       | Alice     |
      | EventCallPartyDeleted | $uuid1   | $call1 | Bob         | Alice     |
      | EventCallDeleted      | $uuid1   | $call1 |             | Alice     |
    And each DN receives, in order:
      | dn    | event         | ConnID |
      | Alice | EventReleased | $call1 |
      | Bob   | EventReleased | $call1 |
