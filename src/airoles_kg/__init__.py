"""airoles-kg: a knowledge graph of AI job roles and the competencies they need."""
