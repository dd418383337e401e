@model:predictive-call @source:GenEM/PredictiveDialing
Feature: Predictive call
  An outbound dialer asks the switch to call a customer on behalf of an ACD group (TMakePredictiveCall
  with the group as the dialing DN). The group reports the dialing; when the customer answers, the
  call is queued at the group and diverted to an agent, whose phone rings. In this model the agent's
  role is Origination, not Destination: the call was made for the agent. If the dial fails, the
  group reports the call released with the reason as CallState (interruption point *); the customer
  can also hang up while the call is queued (**) or while the agent's phone rings (***).

  Source: Genesys Events and Models Reference, Predictive Dialing, "Predictive call": the table with
  attributes, its footnote a (when the switch reports an answering machine, EventQueued has CallState
  AnsweringMachineDetected, and T-Server also attaches UserData AnswerClass=AM to the call) and the
  abnormal branches `*` (with the full list of failure CallStates), `**` and `***` were read. OtherDN
  of the dialing is marked *DIAL (the dialed number, or absent); ThirdPartyDN/ThirdPartyDNRole of the
  group's EventDiverted are optional (*OPT). Which answers reach an agent (a person only, or also a
  machine) is chosen per request (TMakePredictiveCall extension AnsMachine). Not checked: timestamps.

  Uncertain: the footnote does not say which event carries the attached AnswerClass=AM. The
  documented scenario checks that the data is attached (the footnote's fact) by asking that at least
  one event of the call report it: the group's EventQueued or EventDiverted, an attach reported on its
  own (EventAttachedDataChanged at the group), or Bob's EventRinging. Which of these a switch uses is
  not checked, and that the attach shows on one of them is itself reconstructed (the events that
  carry a call's user data). The @inferred twin asserts it on EventQueued.

  Background:
    Given Bob is agent 1002 on extension 7002 in queue Sales
    And Sales is the ACD queue 8001
    And Olivia is an outside caller at 5550100

  Rule: The group dials, and an answered call is queued at the group and diverted to a ready agent

    Scenario: The dialer calls Olivia for the Sales group, and the group reports the dialing
      When the dialer calls Olivia for the Sales group
      Then Sales receives, in order:
        | event        | ConnID | ThisDN | ThisQueue | ThisDNRole  | OtherDN      | OtherDNRole       | ReferenceID |
        | EventDialing | $call1 | Sales  | Sales     | Origination | Olivia *DIAL | Destination *DIAL | $request    |

    @requires:external-parties
    Scenario: Olivia answers; the call is queued at Sales and diverted to Bob, whose phone rings as the origination
      Given Bob is ready
      And the dialer has called Olivia for the Sales group
      When Olivia answers
      Then the switch reports, in order:
        | step | dn    | event         | ConnID | ThisDN | ThisQueue | ThisDNRole  | OtherDN          | OtherDNRole           | ThirdPartyDN  | ThirdPartyDNRole      | CallState |
        | 2    | Sales | EventQueued   | $call1 | Sales  | Sales     | Origination |                  |                       |               |                       | Ok        |
        | 3    | Sales | EventDiverted | $call1 | Sales  | Sales     | Origination | Olivia or absent | Destination or absent | Bob or absent | Origination or absent |           |
        | 4    | Bob   | EventRinging  | $call1 | Bob    |           | Origination | Olivia or absent | Destination or absent |               |                       | Ok        |

    @requires:dial-outcome-control
    Scenario: An answering machine answers and the dialer asked to connect machines; the call is queued as answered by a machine and reaches Bob
      Given Bob is ready
      And the dialer has called Olivia for the Sales group, connecting answering machines to agents
      When the call is answered by a machine
      Then the switch reports, in order:
        | step | dn    | event         | ConnID | ThisDN | ThisQueue | ThisDNRole  | OtherDN          | CallState                |
        | 2    | Sales | EventQueued   | $call1 | Sales  | Sales     | Origination |                  | AnsweringMachineDetected |
        | 3    | Sales | EventDiverted | $call1 | Sales  | Sales     | Origination | Olivia or absent |                          |
        | 4    | Bob   | EventRinging  | $call1 | Bob    |           | Origination | Olivia or absent | Ok                       |
      And Sales may also receive, in order:
        | event                    | ConnID | UserData       |
        | EventAttachedDataChanged | $call1 | AnswerClass=AM |
      And at least one of these is reported:
        | dn    | event                    | ConnID | UserData       |
        | Sales | EventQueued              | $call1 | AnswerClass=AM |
        | Sales | EventDiverted            | $call1 | AnswerClass=AM |
        | Sales | EventAttachedDataChanged | $call1 | AnswerClass=AM |
        | Bob   | EventRinging             | $call1 | AnswerClass=AM |

    @inferred @requires:dial-outcome-control
    Scenario: An answering machine answers and the dialer asked to connect machines; the call reaches Bob marked AnswerClass=AM
      Given Bob is ready
      And the dialer has called Olivia for the Sales group, connecting answering machines to agents
      When the call is answered by a machine
      Then the switch reports, in order:
        | step | dn    | event         | ConnID | ThisDN | ThisQueue | ThisDNRole  | OtherDN          | CallState                | UserData       |
        | 2    | Sales | EventQueued   | $call1 | Sales  | Sales     | Origination |                  | AnsweringMachineDetected | AnswerClass=AM |
        | 3    | Sales | EventDiverted | $call1 | Sales  | Sales     | Origination | Olivia or absent |                          |                |
        | 4    | Bob   | EventRinging  | $call1 | Bob    |           | Origination | Olivia or absent | Ok                       |                |
      And Sales may also receive, in order:
        | event                    | ConnID | UserData       |
        | EventAttachedDataChanged | $call1 | AnswerClass=AM |

    @requires:external-parties
    Scenario: Bob answers, and only Bob is told
      Given Bob is ready
      And the dialer has called Olivia for the Sales group
      And Olivia has answered the dialer's call
      When Bob answers
      Then Bob receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN          | OtherDNRole           |
        | EventEstablished | $call1 | Bob    | Origination | Olivia or absent | Destination or absent |

    @requires:external-parties
    Scenario: Bob hangs up (release phase), and only Bob is told
      Given Bob is ready
      And the dialer has called Olivia for the Sales group
      And Olivia has answered the dialer's call
      And Bob has answered the call
      When Bob hangs up
      Then Bob receives, in order:
        | event         | ConnID | ThisDN | OtherDN     | CallState |
        | EventReleased | $call1 | Bob    | Olivia *OPT | Ok        |

  Rule: Interruption point * — the dial fails, and the group reports the call released with the reason

    @requires:dial-outcome-control
    Scenario Outline: The dial to Olivia fails with <CallState>
      Given the dialer has called Olivia for the Sales group
      When the dial fails with the call state <CallState>
      Then Sales receives, in order:
        | event         | ConnID | ThisDN | OtherDN     | CallState   |
        | EventReleased | $call1 | Sales  | Olivia *OPT | <CallState> |

      Examples: The called party does not take the call
        | CallState                |
        | Busy                     |
        | NoAnswer                 |
        | AnsweringMachineDetected |
        | FaxDetected              |

      Examples: A special information tone is detected
        | CallState     |
        | SitDetected   |
        | SitInvalidnum |
        | SitVacant     |
        | SitIntercept  |
        | SitUnknown    |
        | SitNocircuit  |
        | SitReorder    |

      Examples: The network or the switch cannot complete the call
        | CallState     |
        | GeneralError  |
        | SystemError   |
        | AllTrunksBusy |
        | QueueFull     |
        | Dropped       |

  Rule: Interruption point ** — Olivia hangs up while the call is queued at the group

    @requires:external-parties
    Scenario: Olivia hangs up before an agent is available, and Sales reports the call abandoned
      Given the dialer has called Olivia for the Sales group
      And Olivia has answered the dialer's call
      When Olivia hangs up
      Then Sales receives, in order:
        | event          | ConnID | ThisDN | ThisQueue | OtherDN          | CallState |
        | EventAbandoned | $call1 | Sales  | Sales     | Olivia or absent | Ok        |

  Rule: Interruption point *** — Olivia hangs up while the agent's phone rings

    @requires:external-parties
    Scenario: Olivia hangs up while Bob's phone rings, and Bob's call is abandoned
      Given Bob is ready
      And the dialer has called Olivia for the Sales group
      And Olivia has answered the dialer's call
      When Olivia hangs up
      Then Bob receives, in order:
        | event          | ConnID | ThisDN | OtherDN          | CallState |
        | EventAbandoned | $call1 | Bob    | Olivia or absent | Ok        |
