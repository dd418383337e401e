@model:delete-from-conference @source:GenEM/ReleasingCalls
Feature: Delete from conference
  Alice, Bob and Carol are in a conference, and Bob removes Carol from it. Carol is released from
  the call. Alice and Bob are told with EventPartyDeleted, which names Carol as the deleted party and
  Bob, who asked, as the party that deleted her (DeletedBy). CallState is Conferenced while more than
  two parties remain and Ok when two remain. When the call has only two parties, or Bob names
  himself, it is Bob who leaves.

  Source: Genesys Events and Models Reference, Releasing Calls, "Delete from Conference Phase"
  (table read complete), confirmed by the Genesys QA model of SIP Server (its DeleteFromConference
  handler: who leaves in each case). The events of one table row may arrive in any
  order. The table does not list ThisDNRole: that the parties told are ConferenceMember is the QA
  model's (a conference makes every party a ConferenceMember), checked in a scenario of its own. The conference is set up with a two-step conference: Alice calls Bob, and Bob conferences
  Carol in. Not checked: which of the events carries the request's ReferenceID (not read), the
  multi-site case where only the party that conferenced a remote party may delete it (EventError
  otherwise; needs two sites and sip-enable-call-info).

  Uncertain: the branches where the requester leaves (a two-party call, or deleting oneself) are
  READ from the QA model as "who leaves"; their events are reconstructed as the Release Phase and
  the Release from Conference Phase with the requester as the party that leaves.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The deleted party is released; the others are told who deleted whom

    Scenario: Bob removes Carol from the conference
      Given Alice, Bob and Carol are in a conference
      When Bob removes Carol from the conference
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | Carol | EventReleased     | $call1 | Carol  |         |              |              |                  | Ok        |
        | Alice | EventPartyDeleted | $call1 | Alice  | Carol   | DeletedParty | Bob          | DeletedBy        | Ok        |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Carol   | DeletedParty | Bob          | DeletedBy        | Ok        |

    Scenario: Carol removes Alice, who made the original call
      Given Alice, Bob and Carol are in a conference
      When Carol removes Alice from the conference
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | Alice | EventReleased     | $call1 | Alice  |         |              |              |                  | Ok        |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Alice   | DeletedParty | Carol        | DeletedBy        | Ok        |
        | Carol | EventPartyDeleted | $call1 | Carol  | Alice   | DeletedParty | Carol        | DeletedBy        | Ok        |

    Scenario: Bob removes Carol from a conference of four, which stays a conference
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      And Bob has conferenced Dave in
      When Bob removes Carol from the conference
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState   |
        | Carol | EventReleased     | $call1 | Carol  |         |              |              |                  | Ok          |
        | Alice | EventPartyDeleted | $call1 | Alice  | Carol   | DeletedParty | Bob          | DeletedBy        | Conferenced |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Carol   | DeletedParty | Bob          | DeletedBy        | Conferenced |
        | Dave  | EventPartyDeleted | $call1 | Dave   | Carol   | DeletedParty | Bob          | DeletedBy        | Conferenced |

  Rule: The parties told are conference members

    @qa-model
    Scenario: Bob removes Carol, and the parties told are conference members
      Given Alice, Bob and Carol are in a conference
      When Bob removes Carol from the conference
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole       |
        | Carol | EventReleased     | $call1 | Carol  |                  |
        | Alice | EventPartyDeleted | $call1 | Alice  | ConferenceMember |
        | Bob   | EventPartyDeleted | $call1 | Bob    | ConferenceMember |

  Rule: With only two parties, or when the requester names itself, the requester leaves

    @inferred
    Scenario: Bob removes himself from the conference
      Given Alice, Bob and Carol are in a conference
      When Bob removes themselves from the conference
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState | ReferenceID |
        | Bob   | EventReleased     | $call1 | Bob    |         |              |              |                  | Ok        | $request    |
        | Alice | EventPartyDeleted | $call1 | Alice  | Bob     | DeletedParty | Bob          | DeletedBy        | Ok        |             |
        | Carol | EventPartyDeleted | $call1 | Carol  | Bob     | DeletedParty | Bob          | DeletedBy        | Ok        |             |

    @inferred
    Scenario: Once only Alice and Bob are left, Bob asking to remove Alice releases Bob
      Given Alice, Bob and Carol are in a conference
      And Bob has removed Carol from the conference
      When Bob removes Alice from the call
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    | Alice *OPT | Ok        | $request    |
        | Alice | EventReleased | $call1 | Alice  | Bob *OPT   | Ok        |             |
