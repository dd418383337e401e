@model:user-data-third-party @source:GenEM/HandlingUserData
Feature: Attaching and updating user data by a third party
  Alice and Bob are talking; Carol, who is not on the call, changes its user data. Alice and Bob are
  told with EventAttachedDataChanged naming Carol as the party that made the change. Carol is told
  too, but her event has no ThisDN, because Carol's DN is not a party of the call.

  Source: Genesys Events and Models Reference, Handling User Data, "Attaching/updating user data by
  a third party" (table read complete: the third party's event has no ThisDN). Not checked here:
  ThisDNRole (not in the table); whether Alice's and Bob's events carry a ReferenceID (the table
  does not say).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: The parties and the third party are told; the third party's event has no ThisDN

    Scenario: Carol updates the user data of the call between Alice and Bob
      Given Alice is talking to Bob
      When Carol updates the user data of the call between Alice and Bob:
        | key      | value |
        | Priority | 5     |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | ThisDN | ThirdPartyDN | UserData   |
        | Alice | EventAttachedDataChanged | $call1 | Alice  | Carol        | Priority=5 |
        | Bob   | EventAttachedDataChanged | $call1 | Bob    | Carol        | Priority=5 |
        | Carol | EventAttachedDataChanged | $call1 | absent | Carol        | Priority=5 |

    Scenario: Carol attaches user data to the call between Alice and Bob; her event answers her request
      Given Alice is talking to Bob
      When Carol attaches user data to the call between Alice and Bob:
        | key  | value    |
        | Note | callback |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | ThisDN | ThirdPartyDN | ReferenceID | UserData      |
        | Alice | EventAttachedDataChanged | $call1 | Alice  | Carol        |             | Note=callback |
        | Bob   | EventAttachedDataChanged | $call1 | Bob    | Carol        |             | Note=callback |
        | Carol | EventAttachedDataChanged | $call1 | absent | Carol        | $request    | Note=callback |
