"""OWL reasoning: HermiT or Pellet through owlready2 (Java), or the OWL 2 RL closure of owlrl;
structural OWL 2 DL checks and readable explanations."""
