@model:monitor-next-call @source:GenEM/MonitoringCalls @source:GenEM/AgentStateandDNEvents
Feature: Monitoring an agent's next call (TMonitorNextCall / TCancelMonitoring)
  A supervisor asks the switch to bridge it into an agent's next call, or into all of the agent's
  calls. Both the supervisor and the agent are told that the supervision started, with the monitor
  type, scope and mode, and both are told when it is cancelled. When the agent's call is answered,
  the supervisor's leg is added as Observer with CallState Bridged; a one-call supervision ends with
  EventMonitoringCancelled once the supervisor's leg leaves the call.

  Source: the Genesys QA model of SIP Server (its MonitorNextCall and CancelMonitoring handlers and
  its supervision rules), which gives
  EventMonitoringNextCall and EventMonitoringCancelled with attributes at both DNs, the refusals,
  the observer's legs and the end of a one-call session. GenEM's "Agent-State and DN Events" lists the
  two events, without an attribute table. The default MonitorScope (agent) and MonitorMode (normal:
  the supervisor is muted) are the QA model's. Not checked here: the multi-site Location extension.

  Uncertain: the QA model hands the supervisor's intrusion itself to a generic module that was not
  found; the intrusion rows (observer rings and is connected with CallState Bridged, the agent gets
  EventPartyAdded) are those of GenEM's "Service observing on agent". The release events around the
  end of a one-call session are the generic release rules of that model; the QA model states only
  where EventMonitoringCancelled goes (with the supervisor's release; the agent's with its own
  release, or right after its EventPartyDeleted).

  Background:
    Given Bob is an agent on extension 7002
    And Carol is on extension 7003
    And Olivia is an outside caller at 5550100

  Rule: A supervisor asks to monitor an agent; both are told

    Scenario: Carol starts observing Bob's next call
      When Carol starts observing Bob's next call
      Then each DN receives, in order:
        | dn    | event                   | ThisDN | ThisDNRole | OtherDN | OtherDNRole | MonitorNextCallType | Extensions                             | ReferenceID |
        | Carol | EventMonitoringNextCall | Carol  | Observer   | Bob     | Destination | MonitorOneCall      | MonitorScope=agent; MonitorMode=normal | $request    |
        | Bob   | EventMonitoringNextCall | Bob    |            | Carol   | Observer    | MonitorOneCall      | MonitorScope=agent; MonitorMode=normal |             |

    Scenario: Carol starts observing all of Bob's calls
      When Carol starts observing all of Bob's calls
      Then each DN receives, in order:
        | dn    | event                   | ThisDN | ThisDNRole | OtherDN | OtherDNRole | MonitorNextCallType | ReferenceID |
        | Carol | EventMonitoringNextCall | Carol  | Observer   | Bob     | Destination | MonitorAllCalls     | $request    |
        | Bob   | EventMonitoringNextCall | Bob    |            | Carol   | Observer    | MonitorAllCalls     |             |

    Scenario: Carol asks again for Bob's next call while both are idle, which is allowed
      Given Carol is set to observe Bob's next call
      When Carol starts observing Bob's next call
      Then each DN receives, in order:
        | dn    | event                   | ThisDN | ThisDNRole | OtherDN | MonitorNextCallType | ReferenceID |
        | Carol | EventMonitoringNextCall | Carol  | Observer   | Bob     | MonitorOneCall      | $request    |
        | Bob   | EventMonitoringNextCall | Bob    |            | Carol   | MonitorOneCall      |             |

  Rule: A supervisor who already supervises another agent is refused

    Scenario: Carol, who observes Dave, asks to observe Bob, and is refused
      Given Dave is an agent on extension 7004
      And Carol is set to observe Dave's next call
      When Carol starts observing Bob's next call
      Then Carol receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: Cancelling tells the supervisor and then the agent; cancelling with nothing to cancel is refused

    Scenario: Carol stops observing Bob
      Given Carol is set to observe Bob's next call
      When Carol stops observing Bob
      Then each DN receives, in order:
        | dn    | event                    | ThisDN | ThisDNRole | OtherDN | OtherDNRole | MonitorNextCallType | ReferenceID |
        | Carol | EventMonitoringCancelled | Carol  | Observer   | Bob     | Destination | MonitorOneCall      | $request    |
        | Bob   | EventMonitoringCancelled | Bob    |            | Carol   | Observer    | MonitorOneCall      |             |

    Scenario: Carol stops observing when she observes nobody, and is refused
      When Carol stops observing Bob
      Then Carol receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: The supervisor joins the agent's next answered call as a bridged observer

    @inferred @requires:external-parties
    Scenario: Bob answers Olivia's call, and Carol is bridged in
      Given Carol is set to observe Bob's next call
      And Olivia is calling Bob
      When Bob answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallState |
        | Bob   | EventEstablished | $call1 | Bob    | Destination | Olivia or absent | Origination or absent | Ok        |
        | Bob   | EventPartyAdded  | $call1 | Bob    | Destination | Carol            | Observer              | Bridged   |
        | Carol | EventRinging     | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |
        | Carol | EventEstablished | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |

    @inferred @requires:external-parties
    Scenario: Bob is already on a call when Carol starts, and Carol is bridged in at once
      Given Olivia is talking to Bob
      When Carol starts observing Bob's next call
      Then each DN receives, in order:
        | dn    | event                   | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           | CallState | ReferenceID |
        | Carol | EventMonitoringNextCall |        | Carol  | Observer    | Bob              | Destination           |           | $request    |
        | Carol | EventRinging            | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |             |
        | Carol | EventEstablished        | $call1 | Carol  | Observer    | Olivia or absent | Origination or absent | Bridged   |             |
        | Bob   | EventMonitoringNextCall |        | Bob    |             | Carol            | Observer              |           |             |
        | Bob   | EventPartyAdded         | $call1 | Bob    | Destination | Carol            | Observer              | Bridged   |             |

  Rule: A one-call supervision ends when the supervisor's leg leaves the call

    @inferred @requires:external-parties
    Scenario: Bob hangs up, and both are told that the supervision ended
      Given Carol is set to observe Bob's next call
      And Olivia is talking to Bob
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | step | event                    | ConnID | ThisDN | ThisDNRole | OtherDN | OtherDNRole  | MonitorNextCallType | CallState |
        | Bob   | 1    | EventReleased            | $call1 | Bob    |            |         |              |                     | Ok        |
        | Bob   | 1    | EventMonitoringCancelled |        | Bob    |            | Carol   | Observer     | MonitorOneCall      |           |
        | Carol | 2    | EventPartyDeleted        | $call1 | Carol  | Observer   | Bob     | DeletedParty |                     | Ok        |
        | Carol | 3    | EventReleased            | $call1 | Carol  | Observer   |         |              |                     | Ok        |
        | Carol | 3    | EventMonitoringCancelled |        | Carol  | Observer   | Bob     | Destination  | MonitorOneCall      |           |

    @inferred @requires:external-parties
    Scenario: Olivia hangs up, and both are told that the supervision ended with their release
      Given Carol is set to observe Bob's next call
      And Olivia is talking to Bob
      When Olivia hangs up
      Then each DN receives, in order:
        | dn    | step | event                    | ConnID | ThisDN | OtherDN          | OtherDNRole            | MonitorNextCallType |
        | Bob   | 1    | EventPartyDeleted        | $call1 | Bob    | Olivia or absent | DeletedParty or absent |                     |
        | Bob   | 2    | EventReleased            | $call1 | Bob    |                  |                        |                     |
        | Bob   | 2    | EventMonitoringCancelled |        | Bob    | Carol            | Observer               | MonitorOneCall      |
        | Carol | 1    | EventPartyDeleted        | $call1 | Carol  | Olivia or absent | DeletedParty or absent |                     |
        | Carol | 2    | EventReleased            | $call1 | Carol  |                  |                        |                     |
        | Carol | 2    | EventMonitoringCancelled |        | Carol  | Bob              | Destination            | MonitorOneCall      |

    @inferred @requires:external-parties
    Scenario: Carol hangs up, and Bob is told right after the observer left his call
      Given Carol is set to observe Bob's next call
      And Olivia is talking to Bob
      When Carol hangs up
      Then each DN receives, in order:
        | dn    | step | event                    | ConnID | ThisDN | OtherDN | OtherDNRole  | MonitorNextCallType |
        | Carol | 1    | EventReleased            | $call1 | Carol  |         |              |                     |
        | Carol | 1    | EventMonitoringCancelled |        | Carol  | Bob     | Destination  | MonitorOneCall      |
        | Bob   | 2    | EventPartyDeleted        | $call1 | Bob    | Carol   | DeletedParty |                     |
        | Bob   | 3    | EventMonitoringCancelled |        | Bob    | Carol   | Observer     | MonitorOneCall      |

  Rule: Supervision of all calls does not end with the call

    @requires:external-parties
    Scenario: Bob hangs up a call Carol observes for all his calls, and nobody is told that supervision ended
      Given Carol is observing Bob's calls
      And Olivia is talking to Bob
      When Bob hangs up
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | CallState |
        | Bob   | EventReleased     | $call1 | Bob    | Ok        |
        | Carol | EventPartyDeleted | $call1 | Carol  | Ok        |
        | Carol | EventReleased     | $call1 | Carol  | Ok        |
