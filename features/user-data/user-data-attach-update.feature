@model:user-data-attach-update @source:GenEM/HandlingUserData
Feature: Attaching and updating user data on an internal call
  Alice and Bob are talking and Alice changes the call's user data. Every party on the call is told
  with EventAttachedDataChanged, which names Alice as the party that made the change
  (ThirdPartyDN) and carries the call's user data. The events form one documented row, so they may
  arrive in either order.

  Source: Genesys Events and Models Reference, Handling User Data, "Attaching/updating user data to
  an internal call" (table read complete), and the EventAttachedDataChanged attribute table (User
  Data Events: ThirdPartyDN names who made the change and is mandatory when it can be specified).
  TAttachUserData adds pairs without removing existing ones, even with the same key (T-Library
  reference). Who made the change (ThirdPartyDN) is asserted by the first rule's scenarios; the
  later rules assert what happens to the data, so an observer that cannot see who made a change
  (the Workspace API) can still check them. Not checked here: the release phase that follows (see
  the release-phase feature); whether the events of the parties that did not make the change carry
  a ReferenceID (the table does not say).

  Uncertain: that TUpdateUserData replaces the value of an existing key, and that TDeleteUserData
  leaves the call without the deleted key, are read from the request names, not from a GenEM table;
  that UserData in the event is the call's whole current set (not just the change) is inferred, so
  the scenarios that assert the data after a second change are reconstructions.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002

  Rule: Every party on the call learns of the change, and who made it

    Scenario: Alice updates the user data of her call with Bob
      Given Alice is talking to Bob
      When Alice updates the user data of the call:
        | key     | value |
        | Segment | Gold  |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | ThisDN | ThirdPartyDN | UserData     |
        | Alice | EventAttachedDataChanged | $call1 | Alice  | Alice        | Segment=Gold |
        | Bob   | EventAttachedDataChanged | $call1 | Bob    | Alice        | Segment=Gold |

    Scenario: Alice attaches user data; her own event answers her request
      Given Alice is talking to Bob
      When Alice attaches user data to the call:
        | key        | value |
        | CustomerID | 42    |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | ThisDN | ThirdPartyDN | ReferenceID | UserData      |
        | Alice | EventAttachedDataChanged | $call1 | Alice  | Alice        | $request    | CustomerID=42 |
        | Bob   | EventAttachedDataChanged | $call1 | Bob    | Alice        |             | CustomerID=42 |

  Rule: Attaching a key that the call already has keeps both pairs

    @inferred
    Scenario: Alice attaches a second value for the same key
      Given Alice is talking to Bob
      And Alice has attached user data to the call:
        | key     | value |
        | Segment | Gold  |
      When Alice attaches user data to the call:
        | key     | value  |
        | Segment | Silver |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | UserData                     |
        | Alice | EventAttachedDataChanged | $call1 | Segment=Gold; Segment=Silver |
        | Bob   | EventAttachedDataChanged | $call1 | Segment=Gold; Segment=Silver |

  Rule: Updating replaces the value of an existing key, deleting removes it

    @inferred
    Scenario: Alice updates a key the call already has
      Given Alice is talking to Bob
      And Alice has attached user data to the call:
        | key     | value |
        | Segment | Gold  |
      When Alice updates the user data of the call:
        | key     | value  |
        | Segment | Silver |
      Then each DN receives, in order:
        | dn    | event                    | ConnID | UserData               |
        | Alice | EventAttachedDataChanged | $call1 | exactly Segment=Silver |
        | Bob   | EventAttachedDataChanged | $call1 | exactly Segment=Silver |

    @inferred
    Scenario: Alice deletes a key from the call's user data
      Given Alice is talking to Bob
      And Alice has attached user data to the call:
        | key     | value |
        | Segment | Gold  |
      When Alice deletes the user data key "Segment"
      Then each DN receives, in order:
        | dn    | event                    | ConnID | UserData        |
        | Alice | EventAttachedDataChanged | $call1 | empty or absent |
        | Bob   | EventAttachedDataChanged | $call1 | empty or absent |
