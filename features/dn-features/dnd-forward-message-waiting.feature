@model:dnd-forward-message-waiting @source:GenEM/AgentStateandDNEvents @inferred
Feature: Do-not-disturb, call forwarding and message waiting on a DN
  A desktop switches DN features on and off: do-not-disturb, call forwarding (unconditional, on busy,
  on no answer…) and the message-waiting lamp. Each request is answered at the DN by the matching
  event — EventDNDOn/EventDNDOff, EventForwardSet/EventForwardCancel,
  EventMessageWaitingOn/EventMessageWaitingOff — carrying the request's ReferenceID, or refused with
  EventError.

  Source: Genesys Events and Models Reference, "Agent-State and DN Events", known by title only; the
  six events and the requests (with their parameters, and the forward modes of TForwardMode) are in
  the T-Library catalogue. Not checked here: whether EventForwardSet echoes the destination or the
  forward mode (not read), CustomerID, Extensions, Reasons.

  Uncertain: everything but the event names is reconstructed. That each request is answered by its
  event at ThisDN with the ReferenceID follows the pattern of the DN events that were read
  (EventRegistered, EventError); whether a request that changes nothing (DND on twice) is refused is
  not known and not checked. Cancelling a forwarding that was never set is taken to be refused.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Zed uses DN 7999, which the switch does not know

  Rule: Do-not-disturb is switched on and off

    Scenario: Alice turns on do-not-disturb
      When Alice turns on do-not-disturb
      Then Alice receives, in order:
        | event      | ThisDN | ReferenceID |
        | EventDNDOn | Alice  | $request    |

    Scenario: Alice turns off do-not-disturb
      Given Alice has turned on do-not-disturb
      When Alice turns off do-not-disturb
      Then Alice receives, in order:
        | event       | ThisDN | ReferenceID |
        | EventDNDOff | Alice  | $request    |

    Scenario: A DN the switch does not know cannot turn on do-not-disturb
      When Zed turns on do-not-disturb
      Then Zed receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: Call forwarding is set and cancelled

    Scenario: Alice forwards all her calls to Bob
      When Alice forwards all her calls to Bob
      Then Alice receives, in order:
        | event           | ThisDN | ReferenceID |
        | EventForwardSet | Alice  | $request    |

    Scenario: Alice forwards her calls to Bob on no answer
      When Alice forwards her calls to Bob on no answer
      Then Alice receives, in order:
        | event           | ThisDN | ReferenceID |
        | EventForwardSet | Alice  | $request    |

    Scenario: Alice cancels her forwarding
      Given Alice has forwarded her calls to Bob on no answer
      When Alice cancels forwarding on no answer
      Then Alice receives, in order:
        | event              | ThisDN | ReferenceID |
        | EventForwardCancel | Alice  | $request    |

    Scenario: Alice cancels a forwarding she never set, and is refused
      When Alice cancels forwarding on no answer
      Then Alice receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: The message-waiting lamp is switched on and off

    Scenario: Alice's message-waiting lamp is turned on
      When Alice's message-waiting lamp is turned on
      Then Alice receives, in order:
        | event                 | ThisDN | ReferenceID |
        | EventMessageWaitingOn | Alice  | $request    |

    Scenario: Alice's message-waiting lamp is turned off
      When Alice's message-waiting lamp is turned off
      Then Alice receives, in order:
        | event                  | ThisDN | ReferenceID |
        | EventMessageWaitingOff | Alice  | $request    |
