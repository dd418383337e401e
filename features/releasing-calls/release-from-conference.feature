@model:release-from-conference @source:GenEM/ReleasingCalls
Feature: Release from conference
  Alice, Bob and Carol are in a conference, and one of them hangs up. The party that hangs up is
  released from the call. Every party that stays is told with EventPartyDeleted, which names the
  party that left both as the deleted party (DeletedParty) and as the party that deleted it
  (DeletedBy). The call keeps its ConnID: CallState is Conferenced while more than two parties
  remain and Ok when two remain, who then go on talking as in an ordinary call.

  Source: Genesys Events and Models Reference, Releasing Calls, "Release from Conference Phase"
  (table read complete). The events of one table row may arrive in any order. The
  conference is set up with a two-step conference (Holding, Transferring, and Conferencing,
  "Conference"): Alice calls Bob, and Bob conferences Carol in. The table does not list ThisDNRole:
  that every party's role in a conference is ConferenceMember is the Genesys QA model of SIP Server's
  (and TDNRole's meaning in the T-Library reference), checked in a scenario of its own. Not checked:
  OtherDN of the leaver's own EventReleased (the table does not list it).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The parties that stay are told who left; two remaining parties are in an ordinary call

    Scenario: Bob, who set up the conference, hangs up
      Given Alice, Bob and Carol are in a conference
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState | ReferenceID |
        | Bob   | EventReleased     | $call1 | Bob    |         |              |              |                  | Ok        | $request    |
        | Alice | EventPartyDeleted | $call1 | Alice  | Bob     | DeletedParty | Bob          | DeletedBy        | Ok        |             |
        | Carol | EventPartyDeleted | $call1 | Carol  | Bob     | DeletedParty | Bob          | DeletedBy        | Ok        |             |

    Scenario: Carol, who was conferenced in, hangs up
      Given Alice, Bob and Carol are in a conference
      When Carol hangs up
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState | ReferenceID |
        | Carol | EventReleased     | $call1 | Carol  |         |              |              |                  | Ok        | $request    |
        | Alice | EventPartyDeleted | $call1 | Alice  | Carol   | DeletedParty | Carol        | DeletedBy        | Ok        |             |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Carol   | DeletedParty | Carol        | DeletedBy        | Ok        |             |

    Scenario: Alice and Carol stay connected after Bob left, until one of them hangs up
      Given Alice, Bob and Carol are in a conference
      And Bob has left the conference
      When Alice hangs up
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | OtherDN    | CallState |
        | Alice | EventReleased | $call1 | Alice  | Carol *OPT | Ok        |
        | Carol | EventReleased | $call1 | Carol  | Alice *OPT | Ok        |

  Rule: The parties told are conference members

    @qa-model
    Scenario: Bob hangs up, and the parties told are conference members
      Given Alice, Bob and Carol are in a conference
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | ThisDNRole       |
        | Bob   | EventReleased     | $call1 | Bob    |                  |
        | Alice | EventPartyDeleted | $call1 | Alice  | ConferenceMember |
        | Carol | EventPartyDeleted | $call1 | Carol  | ConferenceMember |

  Rule: While more than two parties remain, the call is still a conference

    Scenario: Carol leaves a conference of four
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      And Bob has conferenced Dave in
      When Carol hangs up
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState   |
        | Carol | EventReleased     | $call1 | Carol  |         |              |              |                  | Ok          |
        | Alice | EventPartyDeleted | $call1 | Alice  | Carol   | DeletedParty | Carol        | DeletedBy        | Conferenced |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Carol   | DeletedParty | Carol        | DeletedBy        | Conferenced |
        | Dave  | EventPartyDeleted | $call1 | Dave   | Carol   | DeletedParty | Carol        | DeletedBy        | Conferenced |
