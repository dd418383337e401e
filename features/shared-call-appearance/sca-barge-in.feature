@model:sca-barge-in @source:GenEM/SCA @inferred
Feature: Shared call appearance, barge-in
  Sam talks to Alice on the shared line, and Tess, on another phone of the line, joins the call
  ("barges in") from her phone. The call becomes a conference of three: the parties already on the
  call are told a party was added, and Tess is connected to the call.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later): the model "Barge-in" is known by its title only. The page's notes were read: subscribing
  to the other DNs' T-Library events is needed to see actions on the calls and for barge-in and
  retrieve; a client must not send third-party requests from a shared-line user for calls owned by
  other clients, so the phone acts on its own. That another phone of the line joins the active call
  is the model's purpose as its title gives it, not a quotation. The events of a party joining a
  call are taken from a conference as the Genesys QA model of SIP Server reports it: EventPartyAdded
  at each party already on the call, with OtherDN the new party and CallState Conferenced (GenEM's
  conference models and the conference attributes of EventPartyAdded were not read).

  Uncertain: the model's table was not read. That a barge-in is reported as a conference
  (EventPartyAdded, CallState Conferenced), that Tess gets EventEstablished, and the order of these
  events, are reconstructed; ThirdPartyDN, the roles and Tess's CallState are not asserted.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: Another phone of the line joins the active call, which becomes a conference

    @requires:shared-line-phone
    Scenario: Tess barges in on Sam's call with Alice; Alice and Sam are told Tess was added
      Given Alice is talking to Sam
      When Tess barges in on Sam's call on the shared line
      Then each DN receives, in order:
        | dn    | event            | step | ConnID | ThisDN | OtherDN | CallState   |
        | Tess  | EventEstablished | 1    | $call1 | Tess   |         |             |
        | Alice | EventPartyAdded  | 1    | $call1 | Alice  | Tess    | Conferenced |
        | Sam   | EventPartyAdded  | 1    | $call1 | Sam    | Tess    | Conferenced |
