//! The analysis card as plain data: every task with the candidate's answer and points, the
//! total per block against its minimum, the total score and each pass mark, built from the
//! state and the paper's key, ready for any view.

use super::event::TaskIx;
use super::paper::Paper;
use super::scoring;
use super::spec::TaskKind;
use super::state::State;
use super::task::{Choice, Key};

/// One task's line on the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index in the paper.
    pub task: TaskIx,
    /// Number within its block, from 1.
    pub number: usize,
    /// Kind of task.
    pub kind: TaskKind,
    /// The candidate's answer.
    pub answer: Option<Choice>,
    /// The correct answer.
    pub key: Key,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max: u32,
}

/// One block's line on the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockLine {
    /// Block id of the format.
    pub block: String,
    /// Subject code.
    pub subject: String,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max: u32,
    /// Points required.
    pub minimum: u32,
    /// Whether the minimum is met.
    pub met: bool,
    /// The block's rows.
    pub rows: Vec<Row>,
}

/// One pass mark's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassLine {
    /// Pass-mark id from the format.
    pub id: String,
    /// Points required.
    pub points: u32,
    /// Whether the total reaches it and every block minimum is met.
    pub met: bool,
}

/// The whole card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisCard {
    /// Blocks in format order.
    pub blocks: Vec<BlockLine>,
    /// Total points.
    pub total: u32,
    /// Maximum points.
    pub max: u32,
    /// Whether every block minimum is met.
    pub minimums_met: bool,
    /// Pass marks.
    pub pass_marks: Vec<PassLine>,
}

impl AnalysisCard {
    /// Every task's points, in paper order.
    pub fn task_points(&self) -> Vec<u32> {
        self.blocks
            .iter()
            .flat_map(|b| b.rows.iter().map(|r| r.points))
            .collect()
    }
}

/// Builds the card for a session.
pub fn build(paper: &Paper, state: &State) -> AnalysisCard {
    let score = scoring::score(paper, &state.answers);
    let blocks: Vec<BlockLine> = paper
        .format
        .blocks
        .iter()
        .zip(paper.block_ranges())
        .zip(&score.blocks)
        .map(|((spec, range), (points, max))| {
            let rows = range
                .enumerate()
                .filter_map(|(n, ix)| {
                    Some(Row {
                        task: TaskIx::try_from(ix).ok()?,
                        number: n + 1,
                        kind: paper.tasks[ix].kind,
                        answer: state.answers.get(ix).cloned().flatten(),
                        key: paper.key[ix].clone(),
                        points: score.tasks[ix],
                        max: paper.shape(ix).map_or(0, |s| s.points),
                    })
                })
                .collect();
            BlockLine {
                block: spec.id.clone(),
                subject: paper.subject_of(&spec.id).unwrap_or(&spec.id).to_owned(),
                points: *points,
                max: *max,
                minimum: spec.minimum,
                met: *points >= spec.minimum,
                rows,
            }
        })
        .collect();
    let minimums_met = blocks.iter().all(|b| b.met);
    let pass_marks = paper
        .format
        .result
        .pass_marks
        .iter()
        .map(|m| {
            let points = m.threshold.points_of(score.max);
            PassLine {
                id: m.id.clone(),
                points,
                met: minimums_met && score.total >= points,
            }
        })
        .collect();
    AnalysisCard {
        blocks,
        total: score.total,
        max: score.max,
        minimums_met,
        pass_marks,
    }
}
