"""The choice fields of the API as ``Literal`` types.

``tests/test_schemas.py`` checks that each lists exactly the values of the model's ``TextChoices``.
"""

from __future__ import annotations

from typing import Literal

GenderValue = Literal["female", "male", "other", "unknown"]
ChannelValue = Literal["phone", "walk_in", "email", "home_visit", "consultation_hour"]
ReferrerValue = Literal[
    "self",
    "gp",
    "front_office",
    "school",
    "police",
    "veilig_thuis",
    "neighbour",
    "community_centre",
    "partner",
    "other",
]
UrgencyValue = Literal["normal", "urgent", "crisis"]
ComplexityValue = Literal["simple", "complex"]
StatusValue = Literal["registered", "intake", "assessment", "planning", "execution", "evaluation", "closed"]
ClosureReasonValue = Literal[
    "goals_reached", "handled_in_team", "referred", "moved", "resident_stopped", "no_longer_needed"
]
ContactModeValue = Literal["home_visit", "office", "phone", "video", "outreach"]
AssessmentKindValue = Literal["intake", "evaluation", "closing"]
TaskKindValue = Literal["reminder", "evaluation", "check_in", "bridging", "other"]
OutcomeValue = Literal["continue", "adjust", "close"]
OwnerKindValue = Literal["resident", "network", "volunteer", "team_member", "partner"]
GoalStatusValue = Literal["open", "reached", "partly", "not_reached"]
NetworkKindValue = Literal["informal", "formal"]
NetworkRoleValue = Literal[
    "family",
    "neighbour",
    "informal_carer",
    "friend",
    "volunteer",
    "gp",
    "school",
    "partner_organisation",
    "guardian",
    "other",
]
RelationValue = Literal[
    "self",
    "partner",
    "child",
    "foster_child",
    "parent",
    "sibling",
    "grandparent",
    "other_family",
    "housemate",
]
TimelineKindValue = Literal[
    "contact",
    "note",
    "status",
    "assignment",
    "conversation",
    "assessment",
    "plan",
    "task",
    "evaluation",
    "decision",
    "referral",
    "crisis",
]
