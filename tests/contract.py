"""The role slugs of the public contract, shared by the tests that check the knowledge base.

Every one of these is a ``https://w3id.org/airoles/role/<slug>`` IRI that queries and other
tools depend on: renaming one is a breaking change.
"""

from __future__ import annotations

__all__ = ["AI_ROLES", "BUILDER_SPECIALISATIONS", "LEGACY_ROLES", "PROJECT_AI_ROLES"]

#: The AI roles the seed article describes.
AI_ROLES: list[str] = [
    "ai-conversation-designer",
    "responsible-ai-policy-lead",
    "knowledge-architect",
    "ai-interaction-designer",
    "ai-engineer",
    "ml-infrastructure-engineer",
    "ai-systems-builder",
    "ai-decision-designer",
]

#: The builder's three activities in the article: creation, orchestration, operation.
BUILDER_SPECIALISATIONS: list[str] = [
    "ai-model-builder",
    "ai-orchestration-engineer",
    "ai-operations-engineer",
]

#: Established roles the AI roles grew out of, so that career lineage can be queried.
LEGACY_ROLES: list[str] = [
    "ux-designer",
    "ui-designer",
    "software-engineer",
    "data-engineer",
    "devops-engineer",
    "information-architect",
    "librarian",
    "policy-advisor",
    "legal-counsel",
    "data-scientist",
    "ml-engineer",
    "business-analyst",
]

#: AI roles the seed article does not describe, added as the project's own knowledge.
PROJECT_AI_ROLES: list[str] = [
    "prompt-engineer",
    "mlops-engineer",
    "ai-product-manager",
    "ai-red-teamer",
    "llm-evaluation-engineer",
    "ai-solutions-architect",
    "ai-data-annotator",
    "ai-agent-engineer",
]
