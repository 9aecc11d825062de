"""The crosswalk to ESCO and O*NET, and what it serves: the SSSOM export, competency names
from the reference classifications, the roles that fit a person, and search by label."""
