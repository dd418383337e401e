@model:sca-hold-retrieve @source:GenEM/SCA @source:GenEM/HoldingTransferringandConferencing @inferred
Feature: Shared call appearance, hold and retrieve
  Sam answered Alice's call on the shared line and puts it on hold. He can take it back himself, or
  another phone of the line can pick it up. Holding and retrieving at one appearance are the
  ordinary hold and retrieve; picking the call up at another appearance moves the call there.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later): the model "Hold/Retrieve" is known by its title only. The page's notes were read:
  subscribing to the other DNs' T-Library events is needed to see actions on the calls and for
  barge-in and retrieve; a client must not send third-party requests from a shared-line user for
  calls owned by other clients, so the other phone acts on its own. That another phone of the line
  can pick up a held call is the model's purpose as its title and notes give it, not a quotation.
  The hold and retrieve events at one appearance are GenEM's Hold/Retrieve model (Holding,
  Transferring, and Conferencing): EventHeld (ConnID, ThisDN, OtherDN), EventRetrieved (ConnID,
  ThisDN, OtherDN, CallState Ok), nothing to the other party.

  Uncertain: the model's table was not read. That hold and retrieve at the appearance that answered
  are the ordinary hold and retrieve, that nobody else is told, and what picking the call up at the
  other appearance reports — EventRetrieved at the appearance that picks it up, EventReleased at the
  one that held it, nothing to the caller — are reconstructed. The last scenario asserts only the
  ConnID and the DNs, not roles or call states.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: The appearance that answered holds and retrieves the call as any phone does

    Scenario: Sam puts Alice on hold
      Given Alice is talking to Sam
      When Sam puts the call on hold
      Then Sam receives, in order:
        | event     | ConnID | ThisDN | OtherDN | ReferenceID |
        | EventHeld | $call1 | Sam    | Alice   | $request    |

    Scenario: Sam takes the held call back
      Given Alice is talking to Sam
      And Sam has put the call on hold
      When Sam retrieves the held call
      Then Sam receives, in order:
        | event          | ConnID | ThisDN | OtherDN | CallState | ReferenceID |
        | EventRetrieved | $call1 | Sam    | Alice   | Ok        | $request    |

  Rule: Another phone of the line picks up the held call

    @requires:shared-line-phone
    Scenario: Tess picks up at her phone the call Sam holds; the call moves to Tess
      Given Alice is talking to Sam
      And Sam has put the call on hold
      When Tess picks up the call Sam holds on the shared line
      Then each DN receives, in order:
        | dn   | event          | step | ConnID | ThisDN | OtherDN         |
        | Sam  | EventReleased  | 1    | $call1 | Sam    |                 |
        | Tess | EventRetrieved | 1    | $call1 | Tess   | Alice or absent |
