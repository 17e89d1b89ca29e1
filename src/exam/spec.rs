//! The session format as data: blocks and their task layout, durations, breaks, post-test
//! timings and the result policy, with the validation that refuses a format whose numbers do
//! not add up.

use serde::{Deserialize, Serialize};

/// The most tasks a format may hold (the largest real one has 120).
pub const MAX_TASKS: u32 = 1000;

/// The longest any timing of a format may be, in minutes (a day).
pub const MAX_MINUTES: u32 = 24 * 60;

/// A whole test format. It travels inside the sealed package, so a center can run a new format
/// without a new station build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFormat {
    /// Short machine name, such as `unt-2024`.
    pub id: String,
    /// The blocks (subjects) in the order the candidate sees them.
    pub blocks: Vec<BlockSpec>,
    /// Testing time in minutes for everyone.
    pub base_minutes: u32,
    /// Testing time when a block's subject is in `long_subjects` (teacher tests give maths,
    /// physics, chemistry and informatics more time).
    #[serde(default)]
    pub long: Option<LongDuration>,
    /// Extra minutes for candidates with an accommodation (+40 on the UNT).
    pub extra_minutes: u32,
    /// Exercise breaks, by elapsed testing minute.
    #[serde(default)]
    pub breaks: Vec<BreakSpec>,
    /// How long the candidate may be out of the room before the step-out is flagged.
    pub step_out_limit_minutes: u32,
    /// Timings after the test.
    pub post: PostTimings,
    /// How partial answers are scored.
    pub scoring: ScoringRules,
    /// Thresholds the analysis card checks.
    pub result: ResultPolicy,
    /// The maximum score the format promises; must equal the sum of the layout's points.
    pub max_score: u32,
    /// The calculator's optional keys (none unless the format enables them).
    #[serde(default, skip_serializing_if = "CalculatorKeys::is_plain")]
    pub calculator: CalculatorKeys,
}

/// The calculator's optional keys a format enables; digits, the decimal comma, + − × ÷,
/// brackets, the sign, clear, backspace and = are always there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalculatorKeys {
    /// √
    #[serde(default)]
    pub sqrt: bool,
    /// xʸ
    #[serde(default)]
    pub pow: bool,
    /// %
    #[serde(default)]
    pub percent: bool,
}

impl CalculatorKeys {
    /// Every optional key.
    pub const ALL: CalculatorKeys = CalculatorKeys {
        sqrt: true,
        pow: true,
        percent: true,
    };

    /// No optional key.
    pub fn is_plain(&self) -> bool {
        *self == CalculatorKeys::default()
    }
}

/// Longer testing time for some subjects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongDuration {
    /// Subject codes that get the longer time.
    pub subjects: Vec<String>,
    /// The longer testing time in minutes.
    pub minutes: u32,
}

/// One block (subject) of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockSpec {
    /// Stable block id used by packages (`history`, `math-literacy`, `profile-1`, ...).
    pub id: String,
    /// What the block is: a fixed subject or a chosen profile subject.
    pub role: BlockRole,
    /// The tasks the block holds, by kind.
    pub layout: Vec<LayoutEntry>,
    /// Points needed in this block (0 for none).
    #[serde(default)]
    pub minimum: u32,
}

/// Whether a block is a fixed subject or one of the candidate's chosen profile subjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockRole {
    /// The same subject for everyone.
    Mandatory,
    /// A subject of the candidate's profile pair.
    Profile,
}

/// The kinds of task the station can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskKind {
    /// One correct option.
    Single,
    /// One or more correct options.
    Multiple,
    /// A single-choice task that shares a stimulus with others in its group.
    Context,
    /// Match left items to right options.
    Matching,
}

/// A run of tasks of one kind in a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutEntry {
    /// The kind of every task in this run.
    pub kind: TaskKind,
    /// How many tasks.
    pub count: u32,
    /// Points per task.
    pub points: u32,
    /// Options per task (right-hand options for matching).
    pub options: u32,
    /// Multiple answer: the most options that may be correct. Matching: the number of left items.
    #[serde(default)]
    pub items: u32,
    /// Context: tasks per shared stimulus.
    #[serde(default)]
    pub per_group: u32,
}

/// An exercise break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakSpec {
    /// Elapsed testing minute at which the break starts.
    pub at_minute: u32,
    /// Length of the break.
    pub minutes: u32,
    /// Whether the test clock keeps running during the break (it does on the UNT).
    pub clock_runs: bool,
}

/// Timings after the end of testing, all in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostTimings {
    /// How long the analysis card is shown before the decision.
    pub review_minutes: u32,
    /// How long the decision screen waits before the program closes itself.
    pub decision_minutes: u32,
    /// Appeals close this long after the end of testing.
    pub appeal_deadline_minutes: u32,
    /// How long the appeal card stays before the session closes itself.
    pub card_minutes: u32,
}

/// Partial-credit rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringRules {
    /// How multiple-answer tasks are scored.
    pub multiple: MultipleRule,
    /// How matching tasks are scored.
    pub matching: MatchingRule,
}

/// Scoring rule for multiple-answer tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MultipleRule {
    /// points = max(0, task points − |key Δ selection|); an empty selection scores 0.
    SymmetricDifference,
    /// Full points only for the exact key.
    AllOrNothing,
}

/// Scoring rule for matching tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchingRule {
    /// Full points when every pair is right, one point less per wrong pair, never below 0.
    OneOffPerWrongPair,
    /// Full points only when every pair is right.
    AllOrNothing,
}

/// What the analysis card checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultPolicy {
    /// Pass marks on the total score.
    #[serde(default)]
    pub pass_marks: Vec<PassMark>,
}

/// One pass mark, named by field or category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassMark {
    /// Machine name (`general`, `national`, `pedagogy`, `category-expert`, ...).
    pub id: String,
    /// The threshold.
    pub threshold: Threshold,
}

/// A threshold on the total score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Threshold {
    /// At least this many points.
    Points(u32),
    /// At least this percentage of the maximum score.
    Percent(u32),
}

impl Threshold {
    /// The points this threshold asks for out of `max`.
    pub fn points_of(self, max: u32) -> u32 {
        match self {
            Self::Points(points) => points,
            // Round up: 70 % of 50 is 35, 70 % of 55 is 38.5 → 39.
            // Saturates: `validate` refuses a format whose numbers would not fit.
            Self::Percent(percent) => max.saturating_mul(percent).div_ceil(100),
        }
    }
}

/// Why a format was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the format has no blocks")]
    NoBlocks,
    #[error("block ids must be unique and non-empty (\"{0}\")")]
    BadBlockId(String),
    #[error("block {block}: a layout entry has no tasks or no points")]
    EmptyLayout { block: String },
    #[error("block {block}: {kind:?} tasks need {need}, the layout says {got} options")]
    Options {
        block: String,
        kind: TaskKind,
        need: String,
        got: u32,
    },
    #[error("block {block}: {count} context tasks do not split into groups of {per_group}")]
    ContextGroups {
        block: String,
        count: u32,
        per_group: u32,
    },
    #[error("block {block}: minimum {minimum} is more than the block's {max} points")]
    Minimum {
        block: String,
        minimum: u32,
        max: u32,
    },
    #[error("testing time must be between 1 and 600 minutes, not {0}")]
    Duration(u32),
    #[error("break at minute {at} of {minutes} minutes ends after the {total}-minute test")]
    BreakPastEnd { at: u32, minutes: u32, total: u32 },
    #[error("breaks must be in order and must not overlap (minute {0})")]
    BreakOrder(u32),
    #[error("a break must last at least a minute (minute {0})")]
    BreakLength(u32),
    #[error("the appeal deadline ({deadline} min) must come after the {review}-minute review")]
    AppealDeadline { deadline: u32, review: u32 },
    #[error("the review, decision and card times must each be at least a minute")]
    PostTimings,
    #[error("the step-out limit must be at least a minute")]
    StepOut,
    #[error("the layout gives {actual} points, the format promises {stated}")]
    MaxScore { stated: u32, actual: u32 },
    #[error("pass mark {id} asks for {points} points, more than the maximum {max}")]
    PassMark { id: String, points: u32, max: u32 },
    #[error("a percentage pass mark must be 1–100 ({0})")]
    Percent(String),
    #[error("the format's numbers are too large ({0})")]
    Overflow(String),
}

impl SessionFormat {
    /// Number of tasks across all blocks (saturating; `validate` refuses a format where it
    /// would not fit).
    pub fn task_count(&self) -> u32 {
        self.blocks
            .iter()
            .fold(0u32, |n, b| n.saturating_add(b.task_count()))
    }

    /// The sum of every task's points (saturating, as `task_count`).
    pub fn layout_points(&self) -> u32 {
        self.blocks
            .iter()
            .fold(0u32, |n, b| n.saturating_add(b.max_points()))
    }

    /// Checks that every sum and product of the format's numbers fits, naming the first that
    /// does not. Formats come from packages, so their numbers are not trusted.
    fn check_sizes(&self) -> Result<(), FormatError> {
        let overflow = |what: String| FormatError::Overflow(what);
        let (mut tasks, mut points) = (0u32, 0u32);
        for block in &self.blocks {
            for e in &block.layout {
                let product = e.count.checked_mul(e.points).ok_or_else(|| {
                    overflow(format!(
                        "block {}: {} tasks × {} points",
                        block.id, e.count, e.points
                    ))
                })?;
                points = points
                    .checked_add(product)
                    .ok_or_else(|| overflow(format!("block {}: total points", block.id)))?;
                tasks = tasks
                    .checked_add(e.count)
                    .ok_or_else(|| overflow(format!("block {}: total tasks", block.id)))?;
            }
        }
        if tasks > MAX_TASKS {
            return Err(overflow(format!("{tasks} tasks, at most {MAX_TASKS}")));
        }
        for mark in &self.result.pass_marks {
            if let Threshold::Percent(p) = mark.threshold
                && points.checked_mul(p).is_none()
            {
                return Err(overflow(format!(
                    "pass mark {}: {p} % of {points}",
                    mark.id
                )));
            }
        }
        for b in &self.breaks {
            if b.at_minute.checked_add(b.minutes).is_none() {
                return Err(overflow(format!("break at minute {}", b.at_minute)));
            }
        }
        let post = self.post;
        let minutes = [
            post.review_minutes,
            post.decision_minutes,
            post.card_minutes,
            post.appeal_deadline_minutes,
            self.extra_minutes,
            self.step_out_limit_minutes,
        ];
        if let Some(m) = minutes.iter().find(|m| **m > MAX_MINUTES) {
            return Err(overflow(format!("{m} minutes, at most {MAX_MINUTES}")));
        }
        Ok(())
    }

    /// Testing minutes for a candidate whose blocks carry these subject codes.
    pub fn base_minutes_for<'a>(&self, mut subjects: impl Iterator<Item = &'a str>) -> u32 {
        match &self.long {
            Some(long) if subjects.any(|s| long.subjects.iter().any(|l| l == s)) => long.minutes,
            _ => self.base_minutes,
        }
    }

    /// Checks that the format's numbers add up. The first rule that fails is reported.
    pub fn validate(&self) -> Result<(), FormatError> {
        if self.blocks.is_empty() {
            return Err(FormatError::NoBlocks);
        }
        self.check_sizes()?;
        for (i, block) in self.blocks.iter().enumerate() {
            let duplicate = self.blocks[..i].iter().any(|b| b.id == block.id);
            if block.id.is_empty() || duplicate {
                return Err(FormatError::BadBlockId(block.id.clone()));
            }
            block.validate()?;
        }
        for minutes in [self.base_minutes]
            .into_iter()
            .chain(self.long.as_ref().map(|l| l.minutes))
        {
            if minutes == 0 || minutes > 600 {
                return Err(FormatError::Duration(minutes));
            }
        }
        self.validate_breaks(self.base_minutes)?;
        let post = self.post;
        if post.review_minutes == 0 || post.decision_minutes == 0 || post.card_minutes == 0 {
            return Err(FormatError::PostTimings);
        }
        if post.appeal_deadline_minutes <= post.review_minutes {
            return Err(FormatError::AppealDeadline {
                deadline: post.appeal_deadline_minutes,
                review: post.review_minutes,
            });
        }
        if self.step_out_limit_minutes == 0 {
            return Err(FormatError::StepOut);
        }
        let actual = self.layout_points();
        if actual != self.max_score {
            return Err(FormatError::MaxScore {
                stated: self.max_score,
                actual,
            });
        }
        for mark in &self.result.pass_marks {
            if let Threshold::Percent(p) = mark.threshold
                && !(1..=100).contains(&p)
            {
                return Err(FormatError::Percent(mark.id.clone()));
            }
            let points = mark.threshold.points_of(actual);
            if points > actual {
                return Err(FormatError::PassMark {
                    id: mark.id.clone(),
                    points,
                    max: actual,
                });
            }
        }
        Ok(())
    }

    fn validate_breaks(&self, total: u32) -> Result<(), FormatError> {
        let mut free_from = 0;
        for b in &self.breaks {
            if b.minutes == 0 {
                return Err(FormatError::BreakLength(b.at_minute));
            }
            if b.at_minute == 0 || b.at_minute < free_from {
                return Err(FormatError::BreakOrder(b.at_minute));
            }
            // A break that runs on the test clock must end before the shortest test does.
            if b.at_minute.saturating_add(b.minutes) >= total {
                return Err(FormatError::BreakPastEnd {
                    at: b.at_minute,
                    minutes: b.minutes,
                    total,
                });
            }
            free_from = b.at_minute.saturating_add(b.minutes);
        }
        Ok(())
    }
}

impl BlockSpec {
    /// Number of tasks in the block (saturating; `validate` refuses a format where it would not
    /// fit).
    pub fn task_count(&self) -> u32 {
        self.layout
            .iter()
            .fold(0u32, |n, e| n.saturating_add(e.count))
    }

    /// The block's maximum points (saturating, as `task_count`).
    pub fn max_points(&self) -> u32 {
        self.layout.iter().fold(0u32, |n, e| {
            n.saturating_add(e.count.saturating_mul(e.points))
        })
    }

    /// How many tasks of a kind the block holds.
    pub fn count_of(&self, kind: TaskKind) -> u32 {
        self.layout
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.count)
            .sum()
    }

    fn validate(&self) -> Result<(), FormatError> {
        let block = || self.id.clone();
        for e in &self.layout {
            if e.count == 0 || e.points == 0 {
                return Err(FormatError::EmptyLayout { block: block() });
            }
            let (ok, need) = match e.kind {
                TaskKind::Single | TaskKind::Context => {
                    ((2..=8).contains(&e.options), "2–8 options")
                }
                TaskKind::Multiple => (
                    (3..=10).contains(&e.options) && e.items >= 1 && e.items < e.options,
                    "3–10 options and 1 ≤ correct < options",
                ),
                TaskKind::Matching => (
                    (2..=8).contains(&e.items) && e.options >= e.items && e.options <= 10,
                    "2–8 left items and at least as many options (≤ 10)",
                ),
            };
            if !ok {
                return Err(FormatError::Options {
                    block: block(),
                    kind: e.kind,
                    need: need.to_owned(),
                    got: e.options,
                });
            }
            if e.kind == TaskKind::Context && (e.per_group < 2 || e.count % e.per_group != 0) {
                return Err(FormatError::ContextGroups {
                    block: block(),
                    count: e.count,
                    per_group: e.per_group,
                });
            }
        }
        if self.minimum > self.max_points() {
            return Err(FormatError::Minimum {
                block: block(),
                minimum: self.minimum,
                max: self.max_points(),
            });
        }
        Ok(())
    }
}
