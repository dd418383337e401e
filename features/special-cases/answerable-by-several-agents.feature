@model:answerable-by-several-agents @source:GenEM/SpecialCases @source:GenEM/WorkWithQueues @qa-model
Feature: Internal/inbound call answerable by several agents (party B answers)
  Alice calls a hunt group: an ACD queue whose calls are offered to its member extensions rather
  than distributed to agents. A fork group alerts every free member at once, a linear group one
  member after the other. The members' phones ring with CallState Covered and ThisQueue naming the
  group. When one member answers, the group reports the call diverted to that member before the
  member is connected, and the members still ringing are released with CallState Redirected. When
  every member has rejected the call, Alice is released with CallState Redirected and the group
  reports the call dropped.

  Source: Genesys Events and Models Reference, Special Cases, "Internal/inbound call answerable by
  several agents (party B answers)" — known by its title only. The hunt-group behaviour is read
  from the Genesys QA model of SIP Server (its hunt-group model, SIP_HuntGroup): the Covered ringing
  with ThisQueue = the group and OtherDN = the caller, EventDiverted(ThirdPartyDN = the answering
  member, role Destination) before the member's EventEstablished, the other members' EventReleased
  with CallState Redirected (not EventAbandoned), linear groups trying the next member when one
  releases, and the caller's EventReleased(Redirected) with the group's EventDiverted(CallState
  Dropped, ThirdPartyDN = the last member) when nobody is left. Not checked: SIP-only EventOnHook (a
  system that declares its phones report their handsets may send it).

  Uncertain: the group's EventQueued when the call arrives (the QA model leaves the queue's own
  "ring" to a module that was not read), the caller's events (so the scenarios that assert only
  the members' ringing allow the caller's dialing and the group's EventQueued without requiring
  them), and what the group and the ringing
  members report when the caller hangs up (assumed: abandoned) are reconstructed. The answering
  member's and the caller's EventEstablished are generic in the QA model: only that they come, on
  the call, is asserted (not ThisQueue or OtherDN).

  Background:
    Given the switch is configured with these parties:
      | party | kind      | DN   | options                              |
      | Alice | extension | 7001 |                                      |
      | Team  | ACD queue | 8101 | hg-type=fork; hg-members=Bob,Carol   |
      | Chain | ACD queue | 8102 | hg-type=linear; hg-members=Bob,Carol |
      | Bob   | extension | 7002 |                                      |
      | Carol | extension | 7003 |                                      |

  Rule: A fork group alerts every member at once; the first to answer gets the call

    @qa-model
    Scenario: Alice calls Team, and every member's phone rings, covered, on the group's behalf
      When Alice calls Team
      Then each DN receives, in order:
        | dn    | event        | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | Bob   | EventRinging | $call1 | Bob    | Team      | Alice   | Covered   |
        | Carol | EventRinging | $call1 | Carol  | Team      | Alice   | Covered   |
      And Alice may also receive, in order:
        | event        | ConnID |
        | EventDialing | $call1 |
      And Team may also receive, in order:
        | event       | ConnID |
        | EventQueued | $call1 |

    @inferred
    Scenario: Alice calls Team, and both Bob's and Carol's phones ring, covered
      When Alice calls Team
      Then each DN receives, in order:
        | step | dn    | event        | ConnID | ThisDN | ThisQueue | OtherDN    | CallState |
        | 1    | Alice | EventDialing | $call1 | Alice  |           | Team *DIAL |           |
        | 2    | Team  | EventQueued  | $call1 | Team   | Team      | Alice      |           |
        | 3    | Bob   | EventRinging | $call1 | Bob    | Team      | Alice      | Covered   |
        | 3    | Carol | EventRinging | $call1 | Carol  | Team      | Alice      | Covered   |

    Scenario: Bob answers; Team diverts the call to Bob, Carol's call is redirected away, Bob and Alice are connected
      Given Alice's call to Team is ringing at Carol
      When Bob answers
      Then each DN receives, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN | ThirdPartyDNRole | CallState  |
        | 1    | Team  | EventDiverted    | $call1 | Team   | Team      |         | Bob          | Destination      |            |
        | 2    | Carol | EventReleased    | $call1 | Carol  |           |         |              |                  | Redirected |
        | 3    | Bob   | EventEstablished | $call1 | Bob    |           |         |              |                  |            |
        | 3    | Alice | EventEstablished | $call1 | Alice  |           |         |              |                  |            |

    Scenario: Bob rejects the call while Carol's phone still rings; only Bob is told
      Given Alice's call to Team is ringing at Carol
      When Bob rejects the call
      Then Bob receives, in order:
        | event         | ConnID | ThisDN | ReferenceID |
        | EventReleased | $call1 | Bob    | $request    |

    Scenario: Carol rejects the call after Bob did; Alice is redirected away and Team reports the call dropped
      Given Alice's call to Team is ringing at Carol
      And Bob has rejected the call
      When Carol rejects the call
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisQueue | ThirdPartyDN | ThirdPartyDNRole | CallState  |
        | Carol | EventReleased | $call1 | Carol  |           |              |                  |            |
        | Alice | EventReleased | $call1 | Alice  |           |              |                  | Redirected |
        | Team  | EventDiverted | $call1 | Team   | Team      | Carol        | Destination      | Dropped    |

  Rule: A linear group alerts one member at a time and moves on when a member rejects the call

    @qa-model
    Scenario: Alice calls Chain, and only the first member's phone rings, covered, on the group's behalf
      When Alice calls Chain
      Then each DN receives, in order:
        | dn  | event        | ConnID | ThisDN | ThisQueue | OtherDN | CallState |
        | Bob | EventRinging | $call1 | Bob    | Chain     | Alice   | Covered   |
      And Alice may also receive, in order:
        | event        | ConnID |
        | EventDialing | $call1 |
      And Chain may also receive, in order:
        | event       | ConnID |
        | EventQueued | $call1 |

    @inferred
    Scenario: Alice calls Chain, and only Bob's phone rings
      When Alice calls Chain
      Then each DN receives, in order:
        | step | dn    | event        | ConnID | ThisDN | ThisQueue | OtherDN     | CallState |
        | 1    | Alice | EventDialing | $call1 | Alice  |           | Chain *DIAL |           |
        | 2    | Chain | EventQueued  | $call1 | Chain  | Chain     | Alice       |           |
        | 3    | Bob   | EventRinging | $call1 | Bob    | Chain     | Alice       | Covered   |

    Scenario: Bob rejects the call, and Carol's phone rings next
      Given Alice's call to Chain is ringing at Bob
      When Bob rejects the call
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisQueue | OtherDN | CallState | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    |           |         |           | $request    |
        | Carol | EventRinging  | $call1 | Carol  | Chain     | Alice   | Covered   |             |

    Scenario: Carol answers after Bob rejected the call; Chain diverts the call to Carol
      Given Alice's call to Chain is ringing at Bob
      And Bob has rejected the call
      When Carol answers
      Then each DN receives, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisQueue | OtherDN | ThirdPartyDN |
        | 1    | Chain | EventDiverted    | $call1 | Chain  | Chain     |         | Carol        |
        | 2    | Carol | EventEstablished | $call1 | Carol  |           |         |              |
        | 2    | Alice | EventEstablished | $call1 | Alice  |           |         |              |

    Scenario: Carol rejects the call too; Alice is redirected away and Chain reports the call dropped
      Given Alice's call to Chain is ringing at Bob
      And Bob has rejected the call
      When Carol rejects the call
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThirdPartyDN | CallState  |
        | Carol | EventReleased | $call1 | Carol  |              |            |
        | Alice | EventReleased | $call1 | Alice  |              | Redirected |
        | Chain | EventDiverted | $call1 | Chain  | Carol        | Dropped    |

  Rule: The caller can give up while the members' phones ring

    @inferred
    Scenario: Alice hangs up while Bob's and Carol's phones ring
      Given Alice's call to Team is ringing at Carol
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event          | ConnID | ThisDN | ThisQueue | CallState |
        | Alice | EventReleased  | $call1 | Alice  |           | Ok        |
        | Team  | EventAbandoned | $call1 | Team   | Team      | Ok        |
        | Bob   | EventAbandoned | $call1 | Bob    | Team      | Ok        |
        | Carol | EventAbandoned | $call1 | Carol  | Team      | Ok        |
