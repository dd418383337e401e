@model:network-attended-transfer @source:GenEM/NetworkAttendedTransferEvents @requires:network-transfer
Feature: Network attended transfer
  Alice, an agent, talks to Olivia, whose call the network delivered. Alice consults Bob, who sits
  elsewhere in the network, through the network (TNetworkConsult), may alternate between the two,
  and then transfers Olivia to Bob, conferences all three, or goes back to Olivia. Every change of
  the network call reaches Alice as EventNetworkCallStatus with the network call's state, the
  state of the destination and Alice's role; a private network service is answered with
  EventNetworkPrivateInfo.

  Source: Genesys Events and Models Reference, Network Attended Transfer Events: the attribute
  tables of EventNetworkCallStatus (NetworkCallState, NetworkDestState, NetworkPartyRole — sent by a
  premise T-Server, absent for a network T-Server —, NetworkOrigDN, NetworkDestDN, ConnID, CallType,
  ThisDN, ThisDNRole; NetworkPartyRole is asserted present, as Alice's switch is the premise one,
  its value is not) and EventNetworkPrivateInfo (PrivateEvent, ReferenceID, ConnID, ThisDN). Bob
  is outside this switch and gets no events here. Not checked: Cause, NetworkCallID.

  Uncertain: the sequence pages were not read, only the event tables and the enum values. Which
  state follows which request is reconstructed from the state names: a consultation is Consulting
  with the destination Delivering and then Ok when Bob answers (NoParty when he cannot be reached);
  alternating gives ConsultHeld; transfer, merge and reconnect give Transferred, Conferenced and
  Reconnected. That Alice's own call ends with EventReleased (CallState Transferred) after the
  network transfer is reconstructed too. The reply to a private service is read (its PrivateEvent
  is mandatory); that it echoes the request's PrivateEvent and carries the ConnID, ThisDN,
  ReferenceID and the network call's state (optional in its table) is reconstructed.

  Background:
    Given Olivia is an outside caller at 5550100
    And Alice is an agent on extension 7001
    And Bob is at another site, reached through the network at 4420100

  @inferred
  Scenario: Alice consults Bob through the network
    Given Olivia is talking to Alice
    When Alice consults Bob through the network
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | ThisDNRole  | CallType | NetworkCallState | NetworkDestState | NetworkPartyRole    | NetworkOrigDN   | NetworkDestDN | ReferenceID        |
      | EventNetworkCallStatus | $call1 | Alice  | Destination | Inbound  | Consulting       | Delivering       | any                 | Alice or absent | Bob or absent | $request or absent |

  @inferred
  Scenario: Bob answers the network consultation
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    When Bob answers the network consultation of Alice
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | NetworkDestState | NetworkPartyRole    | NetworkDestDN |
      | EventNetworkCallStatus | $call1 | Alice  | Consulting       | Ok               | any                 | Bob or absent |

  @inferred
  Scenario: Bob cannot be reached
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    When Bob cannot be reached for the network consultation of Alice
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | NetworkDestState | NetworkDestDN |
      | EventNetworkCallStatus | $call1 | Alice  | Consulting       | NoParty          | Bob or absent |

  @inferred
  Scenario: Alice alternates back to Olivia, holding the consultation
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    And Bob has answered the network consultation of Alice
    When Alice alternates through the network
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | NetworkDestState | ReferenceID        |
      | EventNetworkCallStatus | $call1 | Alice  | ConsultHeld      | Ok               | $request or absent |

  @inferred
  Scenario: Alice transfers Olivia to Bob through the network, and leaves the call
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    And Bob has answered the network consultation of Alice
    When Alice transfers through the network
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | NetworkDestState | NetworkPartyRole    | ReferenceID        | CallState   |
      | EventNetworkCallStatus | $call1 | Alice  | Transferred      | Ok               | any                 | $request or absent |             |
      | EventReleased          | $call1 | Alice  |                  |                  |                     |                    | Transferred |

  @inferred
  Scenario: Alice conferences Olivia and Bob through the network
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    And Bob has answered the network consultation of Alice
    When Alice conferences through the network
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | NetworkDestState | ReferenceID        |
      | EventNetworkCallStatus | $call1 | Alice  | Conferenced      | Ok               | $request or absent |

  @inferred
  Scenario: Alice goes back to Olivia and drops the consultation
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    When Alice reconnects through the network
    Then Alice receives, in order:
      | event                  | ConnID | ThisDN | NetworkCallState | ReferenceID        |
      | EventNetworkCallStatus | $call1 | Alice  | Reconnected      | $request or absent |

  Scenario: Alice asks the network for a private service, and the network replies
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    When Alice asks the network for a private service
    Then Alice receives, in order:
      | event                   | PrivateEvent |
      | EventNetworkPrivateInfo | any          |

  @inferred
  Scenario: Alice asks the network for a private service
    Given Olivia is talking to Alice
    And Alice is consulting Bob through the network
    When Alice asks the network for a private service
    Then Alice receives, in order:
      | event                   | PrivateEvent | ConnID | ThisDN | ReferenceID | NetworkCallState |
      | EventNetworkPrivateInfo | 1            | $call1 | Alice  | $request    | Consulting       |
