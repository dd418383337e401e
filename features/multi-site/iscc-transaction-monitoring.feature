@model:iscc-transaction-monitoring @source:GenEM/TransactionMonitoring @requires:multi-site @requires:transaction-monitoring
Feature: ISCC transaction monitoring
  Mia is a client of T-Server Paris that wants to watch the ISCC transactions Paris takes part in.
  She subscribes with TTransactionMonitoring(SubscriptionStart) and rules that say, per element of
  a transaction, whether it is reported always, once or never; T-Server answers with EventACK
  carrying the new subscription's identifier. From then on every transaction is reported to her by
  EventTransactionStatus with that SubscriptionID and the elements her rules let through. She can
  change the rules (SubscriptionModify) or stop (SubscriptionStop) with the identifier; a wrong
  identifier is answered with EventError.

  Source: Genesys Events and Models Reference, ISCC Transaction Monitoring: "Subscribing to
  Transaction Monitoring" (the request, its three operations, EventACK with the subscription
  identifier, EventError on failure, the rules as the KV list `notify` in Extensions with the modes
  always / once / never, and the example rules used below) and "The Transaction Monitoring Event"
  (EventTransactionStatus: SubscriptionID and Extensions mandatory). The identifier is read as
  what SubscriptionStart's EventACK carries and what Modify and Stop name; that their own EventACK
  repeats it is not read, so it may be absent there. The multi-site call that makes the transaction
  is the one of the ISCC transaction types model, itself a reconstruction: where a scenario here is
  documented, it asserts of that call only that it is made, and that Mia is told nothing (the
  parties' own events are judged in that model). Not checked: EventServerInfo, which also reflects
  the subscription.

  Uncertain: the Transaction Monitoring States and Elements pages were not read. That a transaction
  is reported twice (iscc.transaction.state initiated, then completed), the element values
  (class.name iscc.transaction, iscc.direction.role origination, a local id counting from 1), that
  "once" means in the first notification of a transaction only, and that an element without a rule
  is not reported, are reconstructed: GenEM says such an element takes its default mode, which was
  not read. A switch that also reports other transaction classes of the call (the QA model completes
  IS-Link creation and call operations too) deviates from these reconstructions. The ErrorCode of the refusal is not asserted.

  Background:
    Given the sites Paris and London are linked by ISCC
    And Alice is on extension 7001 at Paris
    And Bob is on extension 8001 at London

  Rule: Subscribing is acknowledged with the new subscription's identifier; changing and stopping with EventACK

    Scenario: Mia subscribes and T-Server Paris acknowledges with a new subscription identifier
      Given Mia is a transaction-monitoring client of T-Server Paris
      When Mia subscribes to transaction monitoring with the rules "class.name=always; iscc.transaction.state=always"
      Then Mia receives, in order:
        | event    | protocol  | sender         | SubscriptionID | ReferenceID |
        | EventACK | T-Library | T-Server Paris | $subscription1 | $request    |

    Scenario: Mia changes her rules with the identifier she was given
      Given Mia is a transaction-monitoring client of T-Server Paris
      And Mia has subscribed to transaction monitoring with the rules "class.name=always"
      When Mia changes its transaction-monitoring rules to "class.name=once"
      Then Mia receives, in order:
        | event    | SubscriptionID           | ReferenceID |
        | EventACK | $subscription1 or absent | $request    |

    Scenario: Mia stops monitoring with the identifier she was given
      Given Mia is a transaction-monitoring client of T-Server Paris
      And Mia has subscribed to transaction monitoring with the rules "class.name=always"
      When Mia stops transaction monitoring
      Then Mia receives, in order:
        | event    | SubscriptionID           | ReferenceID |
        | EventACK | $subscription1 or absent | $request    |

    Scenario: Stopping a subscription that does not exist is refused
      Given Mia is a transaction-monitoring client of T-Server Paris
      When Mia stops a transaction-monitoring subscription that does not exist
      Then Mia receives, in order:
        | event      | protocol  | ReferenceID | ErrorCode |
        | EventError | T-Library | $request    | any       |

  Rule: Each transaction is reported with the elements the rules let through

    @inferred
    Scenario: With the manual's example rules, "once" elements appear in the first notification only and "never" elements not at all
      Given Mia is a transaction-monitoring client of T-Server Paris
      And Mia has subscribed to transaction monitoring with the rules "class.name=always; object.local-id=always; iscc.transaction.state=always; iscc.direction.role=once; iscc.is-link-creation=never"
      When Alice calls Bob at the other site using the route transaction
      Then Mia receives, in order:
        | event                  | sender         | SubscriptionID | Extensions                                                                                                                |
        | EventTransactionStatus | T-Server Paris | $subscription1 | exactly class.name=iscc.transaction; object.local-id=1; iscc.transaction.state=initiated; iscc.direction.role=origination |
        | EventTransactionStatus | T-Server Paris | $subscription1 | exactly class.name=iscc.transaction; object.local-id=1; iscc.transaction.state=completed                                  |
      And each DN receives, in order:
        | dn    | event                        | site   | ConnID |
        | Alice | EventDialing                 | Paris  | $call1 |
        | Alice | EventRemoteConnectionSuccess | Paris  | $call1 |
        | Bob   | EventRinging                 | London | $call1 |

    @inferred
    Scenario: After a change of rules, the new modes apply
      Given Mia is a transaction-monitoring client of T-Server Paris
      And Mia has subscribed to transaction monitoring with the rules "class.name=always; iscc.direction.role=once"
      And Mia has changed its transaction-monitoring rules to "iscc.transaction.state=always; iscc.direction.role=always"
      When Alice calls Bob at the other site using the route transaction
      Then Mia receives, in order:
        | event                  | SubscriptionID | Extensions                                                                |
        | EventTransactionStatus | $subscription1 | exactly iscc.transaction.state=initiated; iscc.direction.role=origination |
        | EventTransactionStatus | $subscription1 | exactly iscc.transaction.state=completed; iscc.direction.role=origination |
      And each DN receives, in order:
        | dn    | event                        | ConnID |
        | Alice | EventDialing                 | $call1 |
        | Alice | EventRemoteConnectionSuccess | $call1 |
        | Bob   | EventRinging                 | $call1 |

    @extras-allowed:Alice @extras-allowed:Bob
    Scenario: After stopping, transactions are no longer reported
      Given Mia is a transaction-monitoring client of T-Server Paris
      And Mia has subscribed to transaction monitoring with the rules "class.name=always"
      And Mia has stopped transaction monitoring
      When Alice calls Bob at the other site using the route transaction
      Then Alice receives, in order:
        | event        |
        | EventDialing |
