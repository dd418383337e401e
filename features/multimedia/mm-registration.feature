@model:mm-registration @source:GenEM/BasicInteractionModels @requires:interaction-server
Feature: Interaction Server registration
  An agent application connects to Interaction Server and registers (RequestRegisterClient). A
  valid client is acknowledged with EventAck. A client Interaction Server does not know, or a
  client that sends anything before it has registered, is answered with EventError; Interaction
  Server then disconnects it when a timeout expires.

  Source: Genesys Events and Models Reference, Basic Interaction Models, "Registration" (the
  success and failure phases and their messages, all in the Interaction Management protocol).
  Not checked: the disconnection after the timeout, which sends no message.

  Uncertain: the model was read as the names of each phase's messages with their protocol; it prints
  no attribute table. The one attribute checked, the ReferenceID that ties EventAck or EventError to
  the request it answers, is reconstructed.

  Background:
    Given Anna is an agent application on Interaction Server
    And Zed is an agent application that Interaction Server does not know

  Scenario: A valid agent application registers and is acknowledged
    When Anna registers with Interaction Server
    Then Anna receives, in order:
      | event    | protocol               | sender             | ReferenceID |
      | EventAck | Interaction Management | Interaction Server | $request    |

  Scenario: An agent application Interaction Server does not know is refused
    When Zed registers with Interaction Server
    Then Zed receives, in order:
      | event      | protocol               | sender             | ReferenceID |
      | EventError | Interaction Management | Interaction Server | $request    |

  Scenario: A request from an application that has not registered is refused
    When Anna logs in to Interaction Server
    Then Anna receives, in order:
      | event      | protocol               | sender             | ReferenceID |
      | EventError | Interaction Management | Interaction Server | $request    |
