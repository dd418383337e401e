@model:listen-disconnect-reconnect @source:GenEM/MonitoringCalls
Feature: Listen disconnect and listen reconnect
  Alice, Bob and Carol are in a conference. Bob stops Carol from listening to the conversation, and
  later lets her listen again. Only Bob is told: the call is Held from Carol's side while she is cut
  off, and Ok again once she is reconnected. Carol is named both as the other party and as the third
  party, as a conference member. Nothing changes for the other parties' calls.

  Source: Genesys Events and Models Reference, TListenDisconnect / TListenReconnect; the GenEM
  table was not readable, the expectations are the Genesys QA model of SIP Server (its ListenDisconnect
  and ListenReconnect handlers), which models no event at the other parties and sets no ReferenceID in its
  expectation, so ReferenceID is not checked. Not checked: a listener on another site (the model then
  uses the trunk's local end).

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: Only the requester is told, with the listener as other and third party

    Scenario: Bob stops Carol from listening
      Given Alice, Bob and Carol are in a conference
      When Bob stops Carol from listening
      Then Bob receives, in order:
        | event                   | ConnID | ThisDN | OtherDN | OtherDNRole      | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | EventListenDisconnected | $call1 | Bob    | Carol   | ConferenceMember | Carol        | ConferenceMember | Held      |

    Scenario: Bob lets Carol listen again
      Given Alice, Bob and Carol are in a conference
      And Bob has stopped Carol from listening
      When Bob lets Carol listen again
      Then Bob receives, in order:
        | event                  | ConnID | ThisDN | OtherDN | OtherDNRole      | ThirdPartyDN | ThirdPartyDNRole | CallState |
        | EventListenReconnected | $call1 | Bob    | Carol   | ConferenceMember | Carol        | ConferenceMember | Ok        |
