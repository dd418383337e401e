@model:service-observing-queue @source:GenEM/MonitoringCalls @inferred
Feature: Service observing on a queue
  A supervisor observes an ACD queue rather than one agent. When the queue sends a call to an agent
  while the supervisor is free, the observation follows the call: the supervisor now observes that
  agent and is bridged into the call as an observer when the agent answers, exactly as in "Service
  observing on agent". Calls the queue does not distribute (still waiting) involve no observer.

  Source: Genesys Events and Models Reference, Monitoring Calls, "Service observing on queue" (only
  the header of the model could be read), and the Genesys QA model of SIP Server (supervision of a
  queue or routing point):
  when a supervised queue, routing point or CDN sends a call to a destination while its supervisor
  is free, the supervision session moves to that destination with the same supervisor, monitor type,
  scope and mode. The intrusion rows are those of the READ table of "Service observing on agent".

  Uncertain: how a queue becomes observed is not read; it is restated as the supervisor's request to
  monitor the queue's next call (TMonitorNextCall naming the queue), answered like a request to
  monitor an agent. Whether the agent is told that the session moved to it (an
  EventMonitoringNextCall) is not read; the simulator sends nothing, so these scenarios say so by
  failing on any such event. The rows of the whole feature are reconstructed.

  Background:
    Given Sales is the ACD queue 8001
    And Bob is agent 1002 on extension 7002 in queue Sales
    And Carol is on extension 7003

  Rule: A supervisor asks to observe the queue's next call; the supervisor and the queue are told

    Scenario: Carol asks to observe the next call of the Sales queue
      When Carol starts observing Sales's next call
      Then each DN receives, in order:
        | dn    | event                   | ThisDN | ThisDNRole | OtherDN | OtherDNRole | MonitorNextCallType | ReferenceID |
        | Carol | EventMonitoringNextCall | Carol  | Observer   | Sales   |             | MonitorOneCall      | $request    |
        | Sales | EventMonitoringNextCall | Sales  |            | Carol   | Observer    | MonitorOneCall      |             |

  Rule: The observation follows the call the queue distributes

    Scenario: The queue diverts a caller to Bob; only the queue and Bob are told, the supervisor waits
      Given Olivia is an outside caller at 5550100
      And Carol is set to observe Sales's next call
      And Bob is ready
      When Olivia calls Sales
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisQueue | ThirdPartyDN |
        | Sales | EventQueued   | $call1 | Sales  | Sales     |              |
        | Sales | EventDiverted | $call1 | Sales  | Sales     | Bob          |
        | Bob   | EventRinging  | $call1 | Bob    | Sales     |              |

    Scenario: Bob answers the distributed call, and Carol is bridged in as observer
      Given Olivia is an outside caller at 5550100
      And Carol is set to observe Sales's next call
      And Bob is ready
      And Olivia's call to Sales is ringing at Bob
      When Bob answers
      Then the switch reports, in order:
        | step | dn    | event            | ConnID | ThisDN | ThisDNRole  | ThisQueue | OtherDN          | OtherDNRole           | CallState |
        | 2    | Bob   | EventEstablished | $call1 | Bob    | Destination | Sales     | Olivia or absent | Origination or absent | Ok        |
        | 2    | Carol | EventRinging     | $call1 | Carol  | Observer    |           | Olivia or absent | Origination or absent | Bridged   |
        | 3    | Bob   | EventPartyAdded  | $call1 | Bob    | Destination |           | Carol            | Observer              | Bridged   |
        | 3    | Carol | EventEstablished | $call1 | Carol  | Observer    |           | Olivia or absent | Origination or absent | Bridged   |
