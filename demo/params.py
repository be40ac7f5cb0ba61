"""The demo org's parameters: sizes, per-level distributions and word lists.

Everything the generator draws from sits here, so a reader can compute row counts by
hand (see `rows_per_engineer`) and see how evidence is spread by level. Level *names*
are not here: they come from the rubric (demo.levels).
"""

from __future__ import annotations

# Org shape -----------------------------------------------------------------------------
TEAM_SIZE = 8  # IC engineers per engineering manager (and managers per director)
CHUNK_ENGINEERS = 50_000  # evidence is generated and written this many engineers at a time
MIN_ENGINEERS = 30  # the 12 story engineers plus enough generated ones to copy planted rows from
MAX_ENGINEERS = 2_000_000  # ids are 7 digits; the 77/8/9 million ranges are reserved below

# Ids: 'E' + 7 digits. 1 = the VP, 2 = the story manager, 11.. = story engineers,
# 1000.. = generated people, 6.6M.. = unknown employees in evidence, 7.7M.. = missing
# managers, 8M.. = leavers (earlier snapshot only), 9M.. = planted bad people rows.
FIRST_BULK_ID = 1000
UNKNOWN_EMPLOYEE_BASE = 6_600_000
MISSING_MANAGER_BASE = 7_700_000
LEAVER_BASE = 8_000_000
BAD_PERSON_BASE = 9_000_000

# Evidence per generated IC engineer, by position i among the generated engineers
# (deterministic so row counts can be computed by hand):
#   projects   = PROJECTS_BASE + i % PROJECTS_SPREAD    -> 5..15, mean 10
#   activities = ACTIVITIES_BASE + i % ACTIVITIES_SPREAD -> 1..7, mean 4
#   skills     = SKILLS_PER_ENGINEER (distinct skills)
PROJECTS_BASE, PROJECTS_SPREAD = 5, 11
ACTIVITIES_BASE, ACTIVITIES_SPREAD = 1, 7
SKILLS_PER_ENGINEER = 6
MANAGER_ACTIVITIES = 2  # interview loops per generated manager; managers have no projects or skills


def projects_for(i: int) -> int:
    return PROJECTS_BASE + i % PROJECTS_SPREAD


def activities_for(i: int) -> int:
    return ACTIVITIES_BASE + i % ACTIVITIES_SPREAD


# Shares (generated people only) ---------------------------------------------------------
IC_LEVEL_SHARE = (0.30, 0.35, 0.25, 0.10)  # junior, mid, senior, staff
# years in the current level = max x u ** skew (u uniform): about a fifth of each scored level
# ends up past its realistic maximum
YEARS_IN_LEVEL_MAX = (4.0, 5.5, 6.5, 9.0)
YEARS_IN_LEVEL_SKEW = 1.3
YEARS_PER_EARLIER_LEVEL = (1.5, 4.0)  # uniform years spent in each level before the current one
MIN_DAYS_IN_LEVEL = 14
LEVEL_VARIANT_SHARE = 0.15  # level written as an alias ("Mid-Level") instead of the usual name
LEVEL_START_FILLED_SHARE = 0.85  # roster level_start_date present
JOB_HISTORY_SHARE = 0.80  # engineers whose job history is exported
STATUS_SHARE = {"active": 0.96, "leave": 0.02, "terminated": 0.02}
LEAVER_SHARE = 0.01  # engineers in the earlier snapshot who left before the as-of date
RATING_SHARE = (0.03, 0.12, 0.50, 0.28, 0.07)  # last_rating 1..5
GENDER_SHARE = {"female": 0.36, "male": 0.59, "non-binary": 0.05}
LOCATIONS = {  # location -> currency
    "Berlin": "EUR",
    "Amsterdam": "EUR",
    "London": "GBP",
    "New York": "USD",
    "San Francisco": "USD",
    "Toronto": "CAD",
    "Bangalore": "INR",
    "Remote": "USD",
}
MANAGEMENT_SALARY = ((190_000, 260_000), (250_000, 330_000), (320_000, 420_000))  # EM, director, VP
IC_SALARY_FALLBACK = ((100_000, 140_000), (140_000, 200_000), (180_000, 280_000), (250_000, 400_000))

# Evidence distributions by IC level (rows: junior, mid, senior, staff) ------------------
# columns follow contract.SCOPES / ROLES / IMPACTS / AUDIENCES
SCOPE_BY_LEVEL = (
    (0.55, 0.35, 0.09, 0.01, 0.00),
    (0.15, 0.45, 0.32, 0.07, 0.01),
    (0.05, 0.25, 0.40, 0.25, 0.05),
    (0.02, 0.10, 0.30, 0.38, 0.20),
)
ROLE_BY_LEVEL = ((0.88, 0.10, 0.02), (0.65, 0.30, 0.05), (0.40, 0.45, 0.15), (0.30, 0.40, 0.30))
IMPACT_BY_LEVEL = ((0.50, 0.35, 0.13, 0.02), (0.30, 0.40, 0.25, 0.05), (0.15, 0.40, 0.35, 0.10), (0.10, 0.30, 0.40, 0.20))
VISIBILITY_BY_LEVEL = ((0.70, 0.25, 0.05, 0.00), (0.50, 0.35, 0.13, 0.02), (0.30, 0.40, 0.25, 0.05), (0.15, 0.35, 0.35, 0.15))
CROSS_TEAM_BY_LEVEL = (0.10, 0.25, 0.45, 0.65)
# contract.PROJECT_STATUSES: planned, active, done, cancelled
PROJECT_STATUS_SHARE = (0.03, 0.17, 0.72, 0.08)
PROJECT_DAYS = (14, 300)  # duration of a done / cancelled project
OWN_DOMAIN_SHARE = 0.70  # projects in the team's own domain

# contract.ACTIVITY_TYPES order: mentoring, design_doc, tech_talk, blog_post, conference_talk,
# open_source, documentation, automation, process_improvement, interviewing, paper
ACTIVITY_BY_LEVEL = (
    (0.00, 0.05, 0.08, 0.04, 0.00, 0.08, 0.30, 0.25, 0.12, 0.06, 0.02),
    (0.15, 0.20, 0.12, 0.05, 0.02, 0.06, 0.12, 0.10, 0.08, 0.08, 0.02),
    (0.22, 0.22, 0.10, 0.06, 0.05, 0.05, 0.06, 0.04, 0.06, 0.10, 0.04),
    (0.20, 0.22, 0.08, 0.08, 0.10, 0.06, 0.04, 0.02, 0.05, 0.08, 0.07),
)
# audience (team, org, company, external) by activity type, same type order
AUDIENCE_BY_TYPE = (
    (1.00, 0.00, 0.00, 0.00),
    (0.50, 0.35, 0.15, 0.00),
    (0.40, 0.45, 0.15, 0.00),
    (0.00, 0.00, 0.50, 0.50),
    (0.00, 0.00, 0.00, 1.00),
    (0.00, 0.00, 0.00, 1.00),
    (0.70, 0.25, 0.05, 0.00),
    (0.80, 0.20, 0.00, 0.00),
    (0.60, 0.35, 0.05, 0.00),
    (1.00, 0.00, 0.00, 0.00),
    (0.00, 0.00, 0.20, 0.80),
)
ACTIVITY_TITLES = (
    "Mentoring",
    "Design doc",
    "Tech talk",
    "Blog post",
    "Conference talk",
    "Open-source contribution",
    "Runbook",
    "Automation",
    "Process change",
    "Interview loop",
    "Paper",
)

SKILLS = (
    "pytorch",
    "tensorflow",
    "deep_learning",
    "mlops",
    "docker",
    "ci_cd",
    "kubernetes",
    "model_serving",
    "distributed_training",
    "python",
    "sql",
    "spark",
    "feature_engineering",
)
PROFICIENCY_MEAN_BY_LEVEL = (2.2, 3.0, 3.7, 4.3)
PROFICIENCY_SD = 0.8
SKILL_SOURCE_SHARE = (0.40, 0.35, 0.25)  # self, manager, peer
SKILL_WINDOW_DAYS = 730

# Evidence dates: spread from (level start - EARLIER_FRACTION x time in level) to the
# as-of date, so about two thirds of the evidence falls in the current level.
EARLIER_FRACTION = 0.5
EVIDENCE_YEARS_MAX = 6

# Words -----------------------------------------------------------------------------------
DOMAINS = ("nlp", "cv", "recsys", "platform", "speech", "search", "forecasting", "fraud", "ranking", "genai")
PROJECT_THINGS = (
    "ranking model",
    "feature store",
    "training pipeline",
    "serving latency",
    "embedding refresh",
    "labeling tool",
    "eval harness",
    "drift monitor",
    "A/B framework",
    "GPU scheduler",
    "data quality checks",
    "model registry",
)
FIRST_NAMES = (
    "Ada", "Ben", "Chen", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivan", "Jin", "Kofi", "Lena", "Mateo",
    "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor", "Wen", "Ximena", "Yusuf",
    "Zoe", "Aiko", "Bruno", "Chloe", "Dmitri", "Esme", "Felix", "Grace", "Hugo", "Iris", "Jonas", "Kira",
    "Luis", "Maya", "Nils", "Olga", "Pablo", "Rania", "Sami", "Tomas", "Vera", "Will", "Yara",
)
LAST_NAMES = (
    "Abbott", "Banerjee", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ito", "Jensen",
    "Kowalski", "Lopez", "Muller", "Nakamura", "Okafor", "Petrov", "Quinto", "Rossi", "Schmidt", "Tanaka",
    "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Andersson", "Brown", "Chowdhury", "Diaz", "Evans",
    "Fernandes", "Gupta", "Horvat", "Iqbal", "Kim", "Larsen", "Mensah", "Novak", "Olsen",
)

# Bad rows ---------------------------------------------------------------------------------
# Each planted check gets max(1, round(BAD_SHARE_PER_CHECK x rows of its file)) rows.
BAD_SHARE_PER_CHECK = 0.0025
