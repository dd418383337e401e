@model:ivr-behind-switch @source:GenEM/IVRCallFlows @source:GenEM/IVRProtocolMessages @inferred @requires:ivr-server @requires:external-parties
Feature: IVR behind the switch
  The IVR's ports are DNs of the switch: calls reach a port through the switch, and the switch's
  T-Server reports them on the port like on any extension. IVR Server, a client of T-Server,
  tells the IVR what happens to each call on its port with one CallStatus message per call event
  (Ringing, Established, Held, Retrieved, Released…), in the IVR protocol.

  Source: Genesys Events and Models Reference, IVR Call Flows, "IVR behind the switch" (known by its
  title only), and IVR Protocol Messages (read): CallStatus goes from IVR
  Server to the IVR, reports a call event, and carries exactly one Event value among Dialing,
  Ringing, Established, Retrieved, Busy, Held, ConfPartyAdd, ConfPartyDel, XferComplete, Released.
  The port's T-Library events follow the basic call models. Not checked: the CallID values, the IVR
  protocol's XML framing, the CallStatus values of transfers and conferences (see
  features/ivr/ivr-protocol-messages.feature for Dialing and Busy).

  Uncertain: the whole call flow is reconstructed, since the IVR Call Flows pages could not be read:
  that IVR Server sends one CallStatus for each T-Library event on the port (mapping EventRinging →
  Ringing, EventEstablished → Established, EventHeld → Held, EventRetrieved → Retrieved,
  EventReleased → Released), that it comes after the port's event, and that the message names the
  port (ThisDN) and the call (CallId).

  Background:
    Given Olivia is an outside caller at 5550100
    And Ivy is an IVR connected to IVR Server
    And Vera is port 7501 of Ivy, behind the switch

  Scenario: A call reaches the IVR port; the port rings and the IVR is told Ringing
    When Olivia calls Vera
    Then the switch reports, in order:
      | step | dn   | event        | protocol  | sender     | ConnID | ThisDN | OtherDN          | CallType | CallID | CallEvent |
      | 1    | Vera | EventRinging | T-Library |            | $call1 | Vera   | Olivia or absent | Inbound  |        |           |
      | 2    | Ivy  | CallStatus   | IVR       | IVR Server |        | Vera   |                  |          | any    | Ringing   |

  Scenario: The IVR answers on its port; the port is established and the IVR is told Established
    Given Olivia is calling Vera
    When Vera answers
    Then the switch reports, in order:
      | step | dn   | event            | protocol  | sender     | ConnID | ThisDN | OtherDN          | CallID | CallEvent   |
      | 1    | Vera | EventEstablished | T-Library |            | $call1 | Vera   | Olivia or absent |        |             |
      | 2    | Ivy  | CallStatus       | IVR       | IVR Server |        | Vera   |                  | any    | Established |

  Scenario: The IVR puts the call on hold; the IVR is told Held
    Given Olivia is talking to Vera
    When Vera puts the call on hold
    Then the switch reports, in order:
      | step | dn   | event      | protocol  | sender     | ConnID | ThisDN | OtherDN          | CallEvent |
      | 1    | Vera | EventHeld  | T-Library |            | $call1 | Vera   | Olivia or absent |           |
      | 2    | Ivy  | CallStatus | IVR       | IVR Server |        | Vera   |                  | Held      |

  Scenario: The IVR retrieves the held call; the IVR is told Retrieved
    Given Olivia is talking to Vera
    And Vera has put the call on hold
    When Vera retrieves the held call
    Then the switch reports, in order:
      | step | dn   | event          | protocol  | sender     | ConnID | ThisDN | OtherDN          | CallEvent |
      | 1    | Vera | EventRetrieved | T-Library |            | $call1 | Vera   | Olivia or absent |           |
      | 2    | Ivy  | CallStatus     | IVR       | IVR Server |        | Vera   |                  | Retrieved |

  Scenario: The caller hangs up; the port is released and the IVR is told Released
    Given Olivia is talking to Vera
    When Olivia hangs up
    Then the switch reports, in order:
      | step | dn   | event         | protocol  | sender     | ConnID | ThisDN | CallEvent |
      | 1    | Vera | EventReleased | T-Library |            | $call1 | Vera   |           |
      | 2    | Ivy  | CallStatus    | IVR       | IVR Server |        | Vera   | Released  |

  Scenario: The IVR hangs up at the end of its script; the IVR is told Released
    Given Olivia is talking to Vera
    When Vera hangs up
    Then the switch reports, in order:
      | step | dn   | event         | protocol  | sender     | ConnID | ThisDN | CallEvent | ReferenceID |
      | 1    | Vera | EventReleased | T-Library |            | $call1 | Vera   |           | $request    |
      | 2    | Ivy  | CallStatus    | IVR       | IVR Server |        | Vera   | Released  |             |
