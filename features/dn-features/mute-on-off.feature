@model:mute-on-off @source:GenEM/AgentStateandDNEvents @source:GenEM/MonitoringCalls
Feature: Mute on and off
  A party on a call mutes or unmutes its own leg. The switch answers with EventMuteOn or EventMuteOff
  when the mute state really changes, and refuses with EventError when it would not change. A
  supervisor's leg has a third state, coaching (half-muted: it talks to the agent only), which only a
  supervisor may ask for. Where the switch reports monitoring details (SIP Server with
  sip-enable-call-info), the supervisor and the agent are also told the new monitor mode by
  EventPrivateInfo 4024.

  Source: the Genesys QA model of SIP Server (its SetMuteOn / SetMuteOff handlers): the new state of each
  request, when the request is allowed, the events with their ReferenceID, and EventPrivateInfo 4024
  with its attributes. GenEM's "Agent-State and DN Events" lists EventMuteOn/EventMuteOff without an
  attribute table. A supervisor starts muted (MonitorMode normal, the QA model's default). Not checked here:
  the multi-site trunk legs that copy the supervisor's mute state.

  Background:
    Given Alice is on extension 7001
    And Bob is an agent on extension 7002
    And Carol is on extension 7003

  Rule: Any party can mute and unmute its leg, when the state changes

    Scenario: Bob mutes the call
      Given Alice is talking to Bob
      When Bob mutes the call
      Then Bob receives, in order:
        | event       | ThisDN | ReferenceID |
        | EventMuteOn | Bob    | $request    |

    Scenario: Bob unmutes the call he muted
      Given Alice is talking to Bob
      And Bob has muted the call
      When Bob unmutes the call
      Then Bob receives, in order:
        | event        | ThisDN | ReferenceID |
        | EventMuteOff | Bob    | $request    |

    Scenario: Bob unmutes a call that is not muted, and is refused
      Given Alice is talking to Bob
      When Bob unmutes the call
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Bob mutes a call that is already muted, and is refused
      Given Alice is talking to Bob
      And Bob has muted the call
      When Bob mutes the call
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Bob, who is not a supervisor, asks to coach, and is refused
      Given Alice is talking to Bob
      When Bob switches to coaching
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: A supervisor changes its mode without monitor-mode notifications (sip-enable-call-info off)

    @requires:mute:no-private-info
    Scenario: Carol, observing muted, unmutes to join the conversation
      Given Carol is observing Bob's calls
      And Alice is talking to Bob
      When Carol unmutes the call
      Then Carol receives, in order:
        | event        | ThisDN | ReferenceID |
        | EventMuteOff | Carol  | $request    |

    @requires:mute:no-private-info
    Scenario: Carol, observing muted, switches to coaching Bob
      Given Carol is observing Bob's calls
      And Alice is talking to Bob
      When Carol switches to coaching
      Then Carol receives, in order:
        | event        | ThisDN | ReferenceID |
        | EventMuteOff | Carol  | $request    |

  Rule: A supervisor changes its mode, and both it and the agent are told the new monitor mode (sip-enable-call-info on)

    @requires:mute:private-info
    Scenario: Carol unmutes, and both Carol and Bob are told that the mode is now connect
      Given Carol is observing Bob's calls
      And Alice is talking to Bob
      When Carol unmutes the call
      Then each DN receives, in order:
        | dn    | event            | ThisDN | ThisDNRole  | OtherDN | OtherDNRole | PrivateEvent | Extensions          | ReferenceID |
        | Carol | EventMuteOff     | Carol  |             |         |             |              |                     | $request    |
        | Carol | EventPrivateInfo | Carol  | Observer    | Bob     | Destination | 4024         | MonitorMode=connect |             |
        | Bob   | EventPrivateInfo | Bob    | Destination | Carol   | Observer    | 4024         | MonitorMode=connect |             |
