from buurtteam.cases.models.case import (
    Case,
    CaseAssignment,
    Channel,
    ClosureReason,
    Complexity,
    Referrer,
    Status,
    Urgency,
)
from buurtteam.cases.models.domains import DomainSet, LifeDomain
from buurtteam.cases.models.meeting import CaseMeeting, MeetingItem
from buurtteam.cases.models.plan import Goal, PlanAction, SupportPlan
from buurtteam.cases.models.work import (
    Assessment,
    ContactMode,
    DomainScore,
    Evaluation,
    IntakeConversation,
    Problem,
    Task,
    TimelineEntry,
)

__all__ = [
    "Assessment",
    "Case",
    "CaseAssignment",
    "CaseMeeting",
    "Channel",
    "ClosureReason",
    "Complexity",
    "ContactMode",
    "DomainScore",
    "DomainSet",
    "Evaluation",
    "Goal",
    "IntakeConversation",
    "LifeDomain",
    "MeetingItem",
    "PlanAction",
    "Problem",
    "Referrer",
    "Status",
    "SupportPlan",
    "Task",
    "TimelineEntry",
    "Urgency",
]
