@model:redirect-call @source:GenEM/SpecialCases
Feature: Redirect-call service
  Alice calls Bob, and Bob redirects the call to Carol without answering it. Bob leaves the call:
  he gets EventReleased, not EventAbandoned, with CallState Redirected and Carol named as the
  destination. Carol's phone rings on the same call, taking over Bob's role. Alice, still waiting for
  an answer, is not told anything. Most switches need Bob's phone to be ringing; SIP Server also
  redirects an answered call, and a place in a conference (those scenarios run where the adapter
  declares it).

  Source: Genesys Events and Models Reference, Special Cases, "Redirect-call service"; the GenEM
  table was not readable, the expectations are the Genesys QA model of SIP Server (its RedirectCall
  handler, which checks each DN's events on its own: no order across DNs) and the TRedirectCall
  semantics of the Platform SDK T-Library reference. ThirdPartyDN on
  Bob's EventReleased is sent by servers from 7.2; its role is ConferenceMember when the call has
  more than two parties. Servers from 7.6 tell nobody else; servers before 7.6 notify the others and,
  in a conference, report the new party (second rule; the reference simulator is a 7.6+ switch).
  Not checked: ThisQueue on an ACD call (taken over from Bob), Reasons and Extensions, and the
  destination's OtherDN (the redirect model names none for its ringing).

  Uncertain: what Alice and Carol get when Carol answers is generic in the QA model; it is
  reconstructed as the basic model's EventEstablished at both on the same ConnID. Carol rang with
  CallState Redirected, so the CallState of her EventEstablished (Ok or Redirected) is not asserted;
  Alice, told nothing of the redirect, may still name Bob, the number she dialled, as OtherDN. The
  pre-7.6 variant is reconstructed: the QA model only says the others are notified of Bob's release
  ("notify" mode, events not read) and then get EventPartyAdded for Carol.

  Background:
    Given Alice is on extension 7001
    And Bob is on extension 7002
    And Carol is on extension 7003

  Rule: Servers from 7.6: the redirecting party leaves silently and the destination rings with its role

    @requires:redirect:silent-release
    Scenario: Bob redirects Alice's ringing call to Carol
      Given Alice is calling Bob
      When Bob redirects the call to Carol
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | OtherDN | ThirdPartyDN | ThirdPartyDNRole | CallState  | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    |             |         | Carol        | Destination      | Redirected | $request    |
        | Carol | EventRinging  | $call1 | Carol  | Destination |         |              |                  | Redirected |             |

    @requires:redirect:silent-release @requires:redirect:answered-call
    Scenario: Bob redirects a call he has already answered
      Given Alice is talking to Bob
      When Bob redirects the call to Carol
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState  | ReferenceID |
        | Bob   | EventReleased | $call1 | Bob    |             | Carol        | Destination      | Redirected | $request    |
        | Carol | EventRinging  | $call1 | Carol  | Destination |              |                  | Redirected |             |

    @requires:redirect:silent-release @requires:redirect:answered-call
    Scenario: Carol redirects her place in a conference to Dave
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      When Carol redirects the call to Dave
      Then each DN receives, in order:
        | dn    | event         | ConnID | ThisDN | ThisDNRole       | OtherDN | ThirdPartyDN | ThirdPartyDNRole | CallState  | ReferenceID |
        | Carol | EventReleased | $call1 | Carol  |                  |         | Dave         | ConferenceMember | Redirected | $request    |
        | Dave  | EventRinging  | $call1 | Dave   | ConferenceMember |         |              |                  | Redirected |             |

    @inferred @requires:redirect:silent-release
    Scenario: Carol answers the redirected call
      Given Alice is calling Bob
      And Bob has redirected the call to Carol
      When Carol answers
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN      | CallState |
        | Carol | EventEstablished | $call1 | Carol  | Destination | Alice        |           |
        | Alice | EventEstablished | $call1 | Alice  | Origination | Carol or Bob | Ok        |

  Rule: Servers before 7.6: the others are told that the redirecting party left, and who joined

    @inferred @requires:redirect:notify-release @requires:redirect:answered-call
    Scenario: Carol redirects her place in a conference to Dave on a server before 7.6
      Given Dave is on extension 7004
      And Alice, Bob and Carol are in a conference
      When Carol redirects the call to Dave
      Then each DN receives, in order:
        | dn    | event             | ConnID | ThisDN | OtherDN | OtherDNRole  | ThirdPartyDN | ThirdPartyDNRole | CallState   |
        | Carol | EventReleased     | $call1 | Carol  |         |              | Dave         | ConferenceMember | Redirected  |
        | Dave  | EventRinging      | $call1 | Dave   |         |              |              |                  | Redirected  |
        | Alice | EventPartyDeleted | $call1 | Alice  | Carol   | DeletedParty |              |                  |             |
        | Alice | EventPartyAdded   | $call1 | Alice  | Dave    | NewParty     | Carol        | AddedBy          | Conferenced |
        | Bob   | EventPartyDeleted | $call1 | Bob    | Carol   | DeletedParty |              |                  |             |
        | Bob   | EventPartyAdded   | $call1 | Bob    | Dave    | NewParty     | Carol        | AddedBy          | Conferenced |
