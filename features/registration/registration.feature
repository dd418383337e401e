@model:registration @source:GenEM/RegistrationEvents @documented
Feature: Registration events
  A client registers a DN to send requests for it and receive its events; T-Server answers with
  EventRegistered, which carries the DN's status in Extensions (the same content as
  EventAddressInfo) and, for a DN where an agent is logged in, the AgentID. Unregistering is answered
  with EventUnregistered.

  Source: Genesys Events and Models Reference, Registration Events (the EventRegistered and
  EventUnregistered attribute tables were read complete: Extensions and InfoType are mandatory in
  EventRegistered; ReferenceID is mandatory in EventRegistered and present "in most cases" in
  EventUnregistered; AgentID is optional, only for an extension or a position). Not checked here: the content of Extensions (its keys were not read),
  InfoStatus (optional).

  Background:
    Given Alice is agent 1001 on extension 7001

  Rule: Registering and unregistering answer the client's request

    Scenario: Alice's desktop registers her DN
      When Alice's DN is registered
      Then Alice receives, in order:
        | event           | ThisDN | ReferenceID | Extensions | InfoType |
        | EventRegistered | Alice  | $request    | any        | any      |

    Scenario: Registering a DN where an agent is logged in reports the AgentID
      Given Alice is logged in
      When Alice's DN is registered
      Then Alice receives, in order:
        | event           | ThisDN | ReferenceID | AgentID   |
        | EventRegistered | Alice  | $request    | 1001 *OPT |

    Scenario: Alice's desktop unregisters her DN
      Given Alice's DN has been registered
      When Alice's DN is unregistered
      Then Alice receives, in order:
        | event             | ThisDN | ReferenceID |
        | EventUnregistered | Alice  | $request    |
