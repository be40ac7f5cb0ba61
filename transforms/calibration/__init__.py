"""The calibration committee's pack: adverse impact, manager consistency, sensitivity, observed timelines, retention risk.

Org-wide aggregates for the people team and the committee, never for a manager's page.
Every piece is a plain function (or a .sql file in sql/) over the warehouse of one run;
`write_pack` in transforms.calibration.pack puts them together.
"""
