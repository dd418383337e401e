@model:basic-outbound-call @source:GenEM/BasicCallModels @inferred
Feature: Connection-establishing phase, outbound call
  An extension calls an outside number through the network. T-Server reports the dialing to the
  caller; the outside party, which the switch does not monitor, gets no events. When the outside
  party answers, the caller is told the call is established; either side can then end it with the
  Release Phase. Some switches also report that the call reached the network (trunk seized) before
  it is answered.

  Source: Genesys Events and Models Reference, Basic Call Models, "Connection-establishing phase for
  an outbound call" — known by title only. The events are those of the internal call model with the
  global rule that a non-monitored party gets no events; the Release Phase is that of Releasing
  Calls. Not checked here: timestamps, trunk attributes (OtherTrunk, ThisTrunk).

  Uncertain: the sequence is reconstructed. CallType Outbound is inferred from the title. Whether
  EventNetworkReached is sent between dialing and answer is switch-dependent: the event exists in the
  T-Library catalogue (its meaning is inferred) and the Genesys QA model of SIP Server switches it off
  in its default event mask; one Rule per variant. OtherDN is the dialed number (*DIAL).

  Background:
    Given Alice is on extension 7001
    And Otto is an outside party at 5550199

  Rule: The caller's dialing is reported; the switch does not report reaching the network

    @requires:network-reached:not-reported
    Scenario: Alice calls Otto outside, and only Alice is told of the dialing
      When Alice calls Otto
      Then Alice receives, in order:
        | event        | ConnID | ThisDN | ThisDNRole  | OtherDN    | OtherDNRole       | CallType            | ReferenceID |
        | EventDialing | $call1 | Alice  | Origination | Otto *DIAL | Destination *DIAL | Outbound or Unknown | $request    |

  Rule: The caller's dialing is reported, then that the call reached the network

    @requires:network-reached:reported
    Scenario: Alice calls Otto outside, and is told that the call reached the network
      When Alice calls Otto
      Then Alice receives, in order:
        | event               | ConnID | ThisDN | ThisDNRole  | OtherDN        | OtherDNRole       | CallType            |
        | EventDialing        | $call1 | Alice  | Origination | Otto *DIAL     | Destination *DIAL | Outbound or Unknown |
        | EventNetworkReached | $call1 | Alice  |             | Otto or absent |                   | Outbound            |

  Rule: The outside party answers, and the caller is connected

    @requires:external-parties
    Scenario: Otto answers, and Alice's call is established
      Given Alice is calling Otto
      When Otto answers
      Then Alice receives, in order:
        | event            | ConnID | ThisDN | ThisDNRole  | OtherDN        | OtherDNRole           | CallType | CallState |
        | EventEstablished | $call1 | Alice  | Origination | Otto or absent | Destination or absent | Outbound | Ok        |

  Rule: Either side ends the call (Release Phase)

    @requires:external-parties
    Scenario: Otto hangs up, and Alice's call is released
      Given Alice is talking to Otto
      When Otto hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | OtherDN   | CallState |
        | EventReleased | $call1 | Alice  | Otto *OPT | Ok        |

    @requires:external-parties
    Scenario: Alice hangs up, and her call is released
      Given Alice is talking to Otto
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | OtherDN   | CallState | ReferenceID |
        | EventReleased | $call1 | Alice  | Otto *OPT | Ok        | $request    |

  Rule: The caller gives up before the outside party answers

    Scenario: Alice hangs up while the outside call is being set up
      Given Alice is calling Otto
      When Alice hangs up
      Then Alice receives, in order:
        | event         | ConnID | ThisDN | ThisDNRole  | CallState |
        | EventReleased | $call1 | Alice  | Origination | Ok        |
