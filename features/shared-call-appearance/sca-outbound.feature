@model:sca-outbound @source:GenEM/SCA @source:GenEM/BasicCallModels
Feature: Shared call appearance, outbound call from a shared line
  Sam calls Alice from the shared line. Alice's phone rings with the shared line as the calling
  party; Sam's appearance is told, with EventPrivateInfo 4026, that the line is in use, and dials as
  any phone does; a call-monitoring client is told that a call was created.

  Source: Genesys Events and Models Reference, Shared Call Appearance (SIP Server 8.1.101.57 and
  later), "Outbound Call from SCA": the first row EventRinging (OtherDN 60970), EventPrivateInfo
  (ServiceId 4026, ThisDN 60970) and EventCallCreated (ConnID 1), read as event names with those
  attributes. The ServiceId of EventPrivateInfo is its private event id, the column PrivateEvent
  here. The dialling party's EventDialing is that of any TMakeCall in the Basic Call Models
  (connection-establishing phase): OtherDN and OtherDNRole *DIAL, CallType may be Unknown.

  Uncertain: the table heads its first column "Caller (60972)", yet the call comes from 60970; the
  EventRinging there is read as the called party's (Alice, 60972). EventPrivateInfo is placed at the
  dialling appearance, the DN its ThisDN names; its meaning ("the line is in use") and whether it
  comes before or after the dialling are not read, so the first scenario lets them come in any
  order and lets events at the other appearance through. The other appearance receiving nothing, and the
  call-monitoring events after EventCallCreated, are reconstructed. The model's abnormal flow (an
  interruption point at 60970) was cut and is not restated.

  Background:
    Given Alice is on extension 60972
    And Sam is on extension 60970
    And Tess is on 60970_2, an appearance of Sam's shared line

  Rule: The called party rings with the line as the caller; the line is told it is in use

    @extras-allowed:Tess
    Scenario: Sam calls Alice from the shared line; Alice's phone rings and Sam's appearance is told the line is in use
      When Sam calls Alice
      Then each DN receives, in order:
        | dn    | event            | step | ConnID | ThisDN | OtherDN     | OtherDNRole       | CallType            | PrivateEvent |
        | Alice | EventRinging     | 1    | $call1 | Alice  | Sam         |                   |                     |              |
        | Sam   | EventPrivateInfo | 1    |        | Sam    |             |                   |                     | 4026         |
        | Sam   | EventDialing     | 1    | $call1 | Sam    | Alice *DIAL | Destination *DIAL | Internal or Unknown |              |

    @inferred
    Scenario: Sam calls Alice from the shared line, and nobody else is told
      When Sam calls Alice
      Then each DN receives, in order:
        | dn    | event            | ConnID | ThisDN | ThisDNRole  | OtherDN     | OtherDNRole       | CallType            | CallState | PrivateEvent |
        | Sam   | EventPrivateInfo |        | Sam    |             |             |                   |                     |           | 4026         |
        | Sam   | EventDialing     | $call1 | Sam    | Origination | Alice *DIAL | Destination *DIAL | Internal or Unknown |           |              |
        | Alice | EventRinging     | $call1 | Alice  | Destination | Sam         | Origination       | Internal            | Ok        |              |

    @inferred @requires:call-monitoring
    Scenario: A call-monitoring client is told that the call was created
      Given Cleo is a call-monitoring client of the switch
      When Sam calls Alice
      Then Cleo receives, in any order:
        | event               | ConnID | AttributeDN |
        | EventCallCreated    | $call1 |             |
        | EventCallPartyAdded | $call1 | Sam         |
        | EventCallPartyState | $call1 | Sam         |
        | EventCallPartyAdded | $call1 | Alice       |
      And each DN receives, in order:
        | dn    | event            | ConnID |
        | Sam   | EventPrivateInfo |        |
        | Sam   | EventDialing     | $call1 |
        | Alice | EventRinging     | $call1 |
