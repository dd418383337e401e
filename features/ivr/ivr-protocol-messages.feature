@model:ivr-protocol-messages @source:GenEM/IVRProtocolMessages @requires:ivr-server
Feature: IVR protocol messages
  IVR Server and the IVR talk an XML protocol of their own. IVR Server tells the IVR to route a
  call (RouteResponse), to run or cancel a treatment (TreatCall, Cancel), what happened to a call
  on one of its ports (CallStatus, exactly one event each), that a transfer or conference it asked
  for could not be set up (CallError, naming the failed request), and asks it to place an outbound
  call (DialOut) on a DN it registered for dial-out (DialOutRegistryResp).

  Source: Genesys Events and Models Reference, IVR Protocol Messages (read): the
  messages from IVR Server to the IVR with their parameters: RouteResponse (Dest, ExtnsEx,
  RouteType only if URS supplied it); TreatCall (CallId and Type required, Parameters); Cancel (no
  parameter); CallStatus (Event: one of Dialing, Ringing, Established, Retrieved, Busy, Held,
  ConfPartyAdd, ConfPartyDel, XferComplete, Released); CallError (FailedReq required, one of
  Unknown, NoSuchCall, OneStepXfer, OneStepConf, InitConf, CompleteConf, InitXfer, CompleteXfer,
  RetrieveCall, MakeCall, AgentControl, NotAllowed; TLibErrCode = the EventError's ErrorCode; ReqId
  echoed); DialOutRegistryResp (Result Success, ConfigError when the DN is not in the configuration
  or not a routing point, MiscFailure unused; a removal is always Success); DialOut (from
  TMakePredictiveCall: OrigNum = ThisDN, DestNum = OtherDN, RefID, TimeToAnswer, UDataEx =
  UserData, ExtnsEx = Extensions). Here the protocol's `Event` parameter is the column CallEvent
  and RouteType is IvrRouteType (ivrCatalogue.ts). Also read, on the pages "General Messages" and
  "Call Information": LoginResp (IVR Server's answer to the IVR's login: IServerVersion and Result
  Success or InvalidProtocolVersion required, ConfigOptions and Status NoSuchClient, InitInProgress
  or OK optional), MonitorInfo (ReqId only when it answers a request; the "Server" kind is sent
  unasked when T-Server's link goes down or comes back, so without ReqId) and CallInfoResp (the
  answer to a request for a call's data, every parameter optional: ANI, DNIS, CalledNum, ConnId,
  TSCallId, PortDN, PortTrunk, PortQueue, OtherDN, OtherTrunk, OtherQueue, LastEvent,
  FirstHomeLocation). Not checked: LoginResp, MonitorInfo and CallInfoResp (read, but no scenario
  restates them yet); the pages "External Routing", "Statistics" and "User Data", and the rest of
  "General Messages" and "Call Information" (not read); CallError NotAllowed, which
  needs a server-controlled port (how a port becomes one was not read); the CallStatus values of
  transfers and conferences; which DN a DialOutRegistryResp answers for (its only parameter read is
  Result); any call identifier on RouteResponse (none is among its parameters).

  Uncertain: the IVR's own requests (DialOutRegistry, DialOutRemove, OneStepXfer) are named from
  the responses, not read; when each IVR Server message is sent (after which T-Library event) is
  reconstructed, as in features/ivr/ivr-in-front-of-switch.feature and ivr-behind-switch.feature;
  that CallStatus names the port (ThisDN), which is not among its parameters read; that a
  OneStepXfer for a call IVR Server does not know is answered with FailedReq NoSuchCall, and one to
  a DN the switch does not know with FailedReq OneStepXfer and the switch's error code. What the
  routing point itself reports when the dialer places the predictive call (in Predictive Dialing the
  dialing DN gets EventDialing) is not asserted, and does not fail the DialOut scenario.

  Background:
    Given Ivy is an IVR connected to IVR Server
    And Vera is port 7501 of Ivy, behind the switch
    And Front is the routing point 9101 of Ivy, in front of the switch

  Rule: RouteResponse, TreatCall and Cancel carry the routing server's answers for a call at the IVR's routing point

    @inferred @requires:external-parties
    Scenario: RouteResponse names the destination of the route
      Given Olivia is an outside caller at 5550100
      And Bob is on extension 7002
      And Olivia is waiting in Front
      When the router routes the call to Bob
      Then Ivy receives, in order:
        | event         | protocol | sender     | Dest |
        | RouteResponse | IVR      | IVR Server | 7002 |
      And each DN receives, in order:
        | dn    | event          | ConnID | ThirdPartyDN |
        | Front | EventRouteUsed | $call1 | Bob          |
        | Front | EventDiverted  | $call1 | Bob          |
        | Bob   | EventRinging   | $call1 |              |

    @inferred @requires:external-parties
    Scenario: TreatCall names the call and the treatment type
      Given Olivia is an outside caller at 5550100
      And Olivia is waiting in Front
      When the router collects digits from the caller
      Then Ivy receives, in order:
        | event     | protocol | sender     | CallID | Type          |
        | TreatCall | IVR      | IVR Server | any    | CollectDigits |
      And Front receives, in order:
        | event                 | ConnID | TreatmentType |
        | EventTreatmentApplied | $call1 | CollectDigits |

    @inferred @requires:external-parties
    Scenario: Cancel stops the running treatment before the route
      Given Olivia is an outside caller at 5550100
      And Bob is on extension 7002
      And Olivia is waiting in Front
      And the router is collecting digits from the caller
      When the router routes the call to Bob
      Then Ivy receives, in order:
        | event         | protocol | sender     | Dest |
        | Cancel        | IVR      | IVR Server |      |
        | RouteResponse | IVR      | IVR Server | 7002 |
      And each DN receives, in order:
        | dn    | event          | ConnID |
        | Front | EventRouteUsed | $call1 |
        | Front | EventDiverted  | $call1 |
        | Bob   | EventRinging   | $call1 |

  Rule: CallStatus reports one event of a call on the IVR's port

    @inferred
    Scenario: The IVR dials from its port; CallStatus Dialing
      Given Bob is on extension 7002
      When Vera calls Bob
      Then the switch reports, in order:
        | step | dn   | event        | protocol  | sender     | ConnID | ThisDN | OtherDN   | CallEvent |
        | 1    | Vera | EventDialing | T-Library |            | $call1 | Vera   | Bob *DIAL |           |
        | 2    | Ivy  | CallStatus   | IVR       | IVR Server |        | Vera   |           | Dialing   |
        | 2    | Bob  | EventRinging | T-Library |            | $call1 | Bob    | Vera      |           |

    @inferred
    Scenario: The IVR dials a busy extension from its port; CallStatus Busy
      Given Alice is on extension 7001
      And Bob is on extension 7002
      And Alice is talking to Bob
      When Vera calls Bob
      Then the switch reports, in order:
        | step | dn   | event                | protocol  | sender     | ConnID | ThisDN | CallEvent |
        | 1    | Vera | EventDialing         | T-Library |            | $call2 | Vera   |           |
        | 2    | Ivy  | CallStatus           | IVR       | IVR Server |        | Vera   | Dialing   |
        | 2    | Vera | EventDestinationBusy | T-Library |            | $call2 | Vera   |           |
        | 3    | Ivy  | CallStatus           | IVR       | IVR Server |        | Vera   | Busy      |

  Rule: CallError tells the IVR that a transfer it asked for could not be set up

    @inferred
    Scenario: A one-step transfer of a call IVR Server does not know fails with NoSuchCall
      Given Bob is on extension 7002
      When Ivy asks to transfer a call IVR Server does not know to Bob in one step
      Then Ivy receives, in order:
        | event     | protocol | sender     | FailedReq  | TLibErrCode | ReqId |
        | CallError | IVR      | IVR Server | NoSuchCall | absent      | 7     |

    @inferred @requires:external-parties
    Scenario: A one-step transfer to a DN the switch does not know fails with OneStepXfer and the switch's error code
      Given Olivia is an outside caller at 5550100
      And Zed uses DN 7999, which the switch does not know
      And Olivia is talking to Vera
      When Ivy asks to transfer the call on Vera to Zed in one step
      Then Ivy receives, in order:
        | event     | protocol | sender     | FailedReq   | TLibErrCode | ReqId |
        | CallError | IVR      | IVR Server | OneStepXfer | any         | 7     |

  Rule: The IVR registers routing points for dial-out, and IVR Server asks it to dial with DialOut

    @inferred
    Scenario: Registering a routing point of the configuration succeeds
      When Ivy registers Front for dial-out
      Then Ivy receives, in order:
        | event               | protocol | sender     | Result  |
        | DialOutRegistryResp | IVR      | IVR Server | Success |

    @inferred
    Scenario: Registering a DN that is not a routing point is a configuration error
      When Ivy registers Vera for dial-out
      Then Ivy receives, in order:
        | event               | protocol | sender     | Result      |
        | DialOutRegistryResp | IVR      | IVR Server | ConfigError |

    @inferred
    Scenario: Registering a DN that is not in the configuration is a configuration error
      Given Zed uses DN 7999, which the switch does not know
      When Ivy registers Zed for dial-out
      Then Ivy receives, in order:
        | event               | protocol | sender     | Result      |
        | DialOutRegistryResp | IVR      | IVR Server | ConfigError |

    @inferred
    Scenario: Removing a registration always succeeds
      Given Ivy has registered Front for dial-out
      When Ivy removes Front from dial-out
      Then Ivy receives, in order:
        | event               | protocol | sender     | Result  |
        | DialOutRegistryResp | IVR      | IVR Server | Success |

    @inferred @extras-allowed:Front
    Scenario: A predictive call on a registered routing point reaches the IVR as DialOut
      Given Olivia is an outside caller at 5550100
      And Ivy has registered Front for dial-out
      When the dialer calls Olivia for the Front group
      Then Ivy receives, in order:
        | event   | protocol | sender     | OrigNum | DestNum | RefID    | TimeToAnswer |
        | DialOut | IVR      | IVR Server | 9101    | 5550100 | $request | any          |
