@model:negative-responses @source:GenEM/NegativeResponseEvents @inferred
Feature: Negative responses
  When T-Server cannot perform a request it answers with EventError, which carries the ReferenceID
  of the failed request and an ErrorCode, and changes nothing else: no other party is told anything.

  Source: Genesys Events and Models Reference, Negative-Response Events (the EventError attribute
  table was read complete: ReferenceID and ErrorCode mandatory; ErrorMessage, ConnID and ThisDN
  optional; Reasons no longer sent).

  Uncertain: which requests a switch refuses is not listed in GenEM; the cases below are requests
  that no call model allows (a DN the switch does not have, a ConnID that does not exist, a request
  that does not fit the call's state, an agent request without a logged-in agent). The ErrorCode
  values were not read, so only their presence is checked. That the error goes to the requesting DN
  is inferred from how clients receive answers to their requests.

  Background:
    Given Alice is agent 1001 on extension 7001
    And Bob is on extension 7002
    And Zed uses DN 7999, which the switch does not know

  Rule: A request for a DN the switch does not have is refused

    Scenario: A call from an unknown DN is refused
      When Zed calls Alice
      Then Zed receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Registering an unknown DN is refused
      When Zed's DN is registered
      Then Zed receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: A request for a call that does not exist, or that its state does not allow, is refused

    Scenario: Releasing a call that does not exist is refused
      When Alice tries to release a call that does not exist
      Then Alice receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Answering a call that is already connected is refused
      Given Alice is talking to Bob
      When Bob tries to answer the call that is already connected
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Holding a call that is still ringing is refused
      Given Alice is calling Bob
      When Bob tries to hold the call that is still ringing
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Retrieving a call that is not on hold is refused
      Given Alice is talking to Bob
      When Bob tries to retrieve a call that is not on hold
      Then Bob receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

  Rule: An agent request without a logged-in agent is refused

    Scenario: Becoming ready without being logged in is refused
      When Alice becomes ready
      Then Alice receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |

    Scenario: Logging out without being logged in is refused
      When Alice logs out
      Then Alice receives, in order:
        | event      | ReferenceID | ErrorCode |
        | EventError | $request    | any       |
