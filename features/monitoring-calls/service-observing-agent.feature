@model:service-observing-agent @source:GenEM/MonitoringCalls @severity:critical
Feature: Service observing on an agent
  A supervisor observes an agent's calls. When an outside caller's call to the agent is answered,
  the supervisor's phone is bridged into the call as an Observer: its leg rings and is connected
  with CallState Bridged, and the agent learns of the observer by EventPartyAdded. The model then
  shows how the call ends depending on who leaves first — the agent, the outside caller or the
  observer — and an interruption point before the agent answers. The outside caller gets no events.

  Source: Genesys Events and Models Reference, Monitoring Calls, "Service observing on agent", per-DN
  table read with attributes, and its release variants. The observation is set up here with
  TMonitorNextCall for all calls (the agent's next calls, with no end-of-session events); GenEM does
  not say how service observing is configured. Footnotes a/b of the table say that some T-Servers put
  the party that started the observation, not the caller, in the observer's OtherDN: one Rule per
  variant. Not checked here: timestamps, the attributes a row does not name, and the
  call-based notifications.

  Uncertain: the rows of the "observer releases" variant were read without attributes (a scenario
  asserts the events as read; its twin asserts attributes, which come from the Releasing Calls
  model (OtherDN the party that left, role DeletedParty) and from the Genesys QA model of SIP
  Server (ThirdPartyDN the supervisor, role Observer)). The
  EventAbandoned of the interruption point * is read in the agent's column (PARTY B) of a rendering
  that keeps empty cells; its attributes are those of the Basic Call Models' interruption point ***
  (ThisDN the ringing party, OtherDN the caller, CallState Ok).

  Background:
    Given Bob is an agent on extension 7002
    And Carol is on extension 7003
    And Olivia is an outside caller at 5550100

  Rule: The agent's phone rings as usual; the observer is not yet involved

    @requires:external-parties
    Scenario: Olivia calls Bob while Carol observes him, and only Bob's phone rings
      Given Carol is observing Bob's calls
      When Olivia calls Bob
      Then Bob receives, in order:
        | event        | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallState |
        | EventRinging | $call1 | Bob    | Destination | Olivia or absent | Origination or absent | Ok        |

  Rule: When the agent answers, the observer is bridged in and told who the caller is (footnotes a/b: the caller)

    @requires:external-parties @requires:monitoring:observer-sees-customer
    Scenario: Bob answers, and Carol is bridged into the call as observer
      Given Carol is observing Bob's calls
      And Olivia is calling Bob
      When Bob answers
      Then the switch reports, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallState | ReferenceID |
        | 2    | Bob   | EventEstablished | $call1 | Bob    | Destination | Olivia or absent | Origination or absent | Ok        | $request    |
        | 2    | Carol | EventRinging     | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |             |
        | 3    | Bob   | EventPartyAdded  | $call1 | Bob    | Destination | Carol            | Observer              | Bridged   |             |
        | 3    | Carol | EventEstablished | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |             |

  Rule: When the agent answers, the observer is bridged in and told who started the observation (footnotes a/b: the initiator)

    @requires:external-parties @requires:monitoring:observer-sees-initiator
    Scenario: Bob answers, and Carol's ringing leg names Bob as the other party
      Given Carol is observing Bob's calls
      And Olivia is calling Bob
      When Bob answers
      Then the switch reports, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallState |
        | 2    | Bob   | EventEstablished | $call1 | Bob    | Destination | Olivia or absent | Origination or absent | Ok        |
        | 2    | Carol | EventRinging     | $call1 | Carol  | Observer    | Bob              | Destination           | Bridged   |
        | 3    | Bob   | EventPartyAdded  | $call1 | Bob    | Destination | Carol            | Observer              | Bridged   |
        | 3    | Carol | EventEstablished | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |

  Rule: The agent releases first; the observer is told, then released

    @requires:external-parties
    Scenario: Bob hangs up, and Carol's observing leg is released after him
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      When Bob hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole  | CallState | ReferenceID |
        | 1    | Bob   | EventReleased     | $call1 | Bob    | Destination |             |              | Ok        | $request    |
        | 1    | Carol | EventPartyDeleted | $call1 | Carol  | Observer    | Bob         | DeletedParty | Ok        |             |
        | 2    | Carol | EventReleased     | $call1 | Carol  | Observer    | Olivia *OPT |              | Ok        |             |

  Rule: The outside caller releases first; agent and observer are told, then both are released

    @requires:external-parties
    Scenario: Olivia hangs up, and Bob and Carol are released
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      When Olivia hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole            | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | 1    | Bob   | EventPartyDeleted | $call1 | Bob    | Destination | Olivia or absent | DeletedParty or absent | Carol        | Observer         |           |
        | 1    | Carol | EventPartyDeleted | $call1 | Carol  | Observer    | Olivia or absent | DeletedParty or absent |              |                  | Ok        |
        | 2    | Bob   | EventReleased     | $call1 | Bob    | Destination | Carol *OPT       |                        |              |                  | Ok        |
        | 2    | Carol | EventReleased     | $call1 | Carol  | Observer    |                  |                        |              |                  |           |

  Rule: The observer releases; agent and caller stay connected, and their call is released as usual later

    @requires:external-parties
    Scenario: Carol hangs up; Bob is told a party left, and Carol is released
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      When Carol hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID |
        | 1    | Bob   | EventPartyDeleted | $call1 |
        | 1    | Carol | EventReleased     | $call1 |

    @inferred @requires:external-parties
    Scenario: Carol hangs up, and Bob is told that the observer left
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      When Carol hangs up
      Then the switch reports, in order:
        | step | dn    | event             | ConnID | ThisDN | ThisDNRole  | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | 1    | Bob   | EventPartyDeleted | $call1 | Bob    | Destination | Carol   | DeletedParty | Carol        | Observer         | Ok        |
        | 1    | Carol | EventReleased     | $call1 | Carol  | Observer    |         |              |              |                  | Ok        |

    @requires:external-parties
    Scenario: After Carol left, Bob hangs up and the call is released without the observer
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      And Carol has left the call
      When Bob hangs up
      Then Bob receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | OtherDN     | CallState |
        | EventReleased | $call1 | Bob    | Destination | Olivia *OPT | Ok        |

  Rule: Interruption point * — the caller gives up before the agent answers

    @requires:external-parties @inferred
    Scenario: Olivia hangs up while Bob's phone rings, and the observer is never involved
      Given Carol is observing Bob's calls
      And Olivia is calling Bob
      When Olivia hangs up
      Then Bob receives, in order:
        | event          | ConnID | ThisDN | ThisDNRole  | OtherDN          | CallState |
        | EventAbandoned | $call1 | Bob    | Destination | Olivia or absent | Ok        |
