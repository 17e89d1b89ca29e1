//! Scoring: points per task under the format's named rules, totals per block and overall. The
//! station (for the analysis card) and the center (the authoritative result) run this same code.

use super::paper::Paper;
use super::spec::{MatchingRule, MultipleRule, ScoringRules, TaskKind};
use super::task::{Choice, Key, Shape};

/// Points one answer earns.
pub fn task_points(rules: ScoringRules, shape: Shape, key: &Key, choice: Option<&Choice>) -> u32 {
    let Some(choice) = choice else { return 0 };
    match (shape.kind, key, choice) {
        (TaskKind::Single | TaskKind::Context, Key::One(k), Choice::One(c)) if k == c => {
            shape.points
        }
        (TaskKind::Multiple, Key::Many(key), Choice::Many(sel)) => {
            if sel.is_empty() {
                return 0;
            }
            let errors = key.iter().filter(|k| !sel.contains(k)).count()
                + sel.iter().filter(|s| !key.contains(s)).count();
            match rules.multiple {
                MultipleRule::SymmetricDifference => shape
                    .points
                    .saturating_sub(u32::try_from(errors).unwrap_or(u32::MAX)),
                MultipleRule::AllOrNothing => {
                    if errors == 0 {
                        shape.points
                    } else {
                        0
                    }
                }
            }
        }
        (TaskKind::Matching, Key::Pairs(key), Choice::Pairs(pairs)) => {
            if pairs.iter().all(Option::is_none) || pairs.len() != key.len() {
                return 0;
            }
            let wrong = key
                .iter()
                .zip(pairs)
                .filter(|(k, p)| **p != Some(**k))
                .count();
            match rules.matching {
                MatchingRule::OneOffPerWrongPair => shape
                    .points
                    .saturating_sub(u32::try_from(wrong).unwrap_or(u32::MAX)),
                MatchingRule::AllOrNothing => {
                    if wrong == 0 {
                        shape.points
                    } else {
                        0
                    }
                }
            }
        }
        // An answer that does not fit the task earns nothing (the fold never lets one in).
        _ => 0,
    }
}

/// A scored sitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// Points per task, in paper order.
    pub tasks: Vec<u32>,
    /// Points and maximum per block, in format order.
    pub blocks: Vec<(u32, u32)>,
    /// Total points.
    pub total: u32,
    /// Maximum possible.
    pub max: u32,
}

/// Scores a set of answers (one slot per task) against the paper's key.
pub fn score(paper: &Paper, answers: &[Option<Choice>]) -> Score {
    let rules = paper.format.scoring;
    let tasks: Vec<u32> = (0..paper.tasks.len())
        .map(|ix| match (paper.shape(ix), paper.key.get(ix)) {
            (Some(shape), Some(key)) => {
                task_points(rules, shape, key, answers.get(ix).and_then(Option::as_ref))
            }
            _ => 0,
        })
        .collect();
    let blocks: Vec<(u32, u32)> = paper
        .block_ranges()
        .into_iter()
        .map(|range| {
            let points = tasks[range.clone()].iter().sum();
            let max = range
                .filter_map(|ix| paper.shape(ix))
                .map(|s| s.points)
                .sum();
            (points, max)
        })
        .collect();
    let total = blocks.iter().map(|b| b.0).sum();
    let max = blocks.iter().map(|b| b.1).sum();
    Score {
        tasks,
        blocks,
        total,
        max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::preset;

    const UNT: ScoringRules = ScoringRules {
        multiple: MultipleRule::SymmetricDifference,
        matching: MatchingRule::OneOffPerWrongPair,
    };
    const STRICT: ScoringRules = ScoringRules {
        multiple: MultipleRule::AllOrNothing,
        matching: MatchingRule::AllOrNothing,
    };

    fn shape(kind: TaskKind, options: u8, items: u8, points: u32) -> Shape {
        Shape {
            kind,
            options,
            items,
            points,
        }
    }

    #[test]
    fn single_choice() {
        let s = shape(TaskKind::Single, 4, 0, 1);
        assert_eq!(task_points(UNT, s, &Key::One(2), Some(&Choice::One(2))), 1);
        assert_eq!(task_points(UNT, s, &Key::One(2), Some(&Choice::One(1))), 0);
        assert_eq!(task_points(UNT, s, &Key::One(2), None), 0);
    }

    #[test]
    fn multiple_answer_symmetric_difference() {
        // Key {A, C}: worked by hand from domain.md's rule max(0, 2 − |key Δ selection|).
        let s = shape(TaskKind::Multiple, 6, 3, 2);
        let key = Key::Many(vec![0, 2]);
        let pts = |sel: Vec<u8>| task_points(UNT, s, &key, Some(&Choice::many(sel)));
        assert_eq!(pts(vec![0, 2]), 2); // exact
        assert_eq!(pts(vec![0]), 1); // one missing
        assert_eq!(pts(vec![0, 2, 4]), 1); // one extra
        assert_eq!(pts(vec![0, 4]), 0); // one missing + one extra
        assert_eq!(pts(vec![1, 3, 4, 5]), 0); // everything wrong
        assert_eq!(pts(vec![]), 0); // empty selection scores 0
        assert_eq!(
            task_points(STRICT, s, &key, Some(&Choice::many(vec![0]))),
            0
        );
        assert_eq!(
            task_points(STRICT, s, &key, Some(&Choice::many(vec![2, 0]))),
            2
        );
    }

    #[test]
    fn matching_partial_credit() {
        let s = shape(TaskKind::Matching, 4, 3, 2);
        let key = Key::Pairs(vec![1, 3, 0]);
        let pts = |p: Vec<Option<u8>>| task_points(UNT, s, &key, Some(&Choice::Pairs(p)));
        assert_eq!(pts(vec![Some(1), Some(3), Some(0)]), 2);
        assert_eq!(pts(vec![Some(1), Some(3), Some(2)]), 1);
        assert_eq!(pts(vec![Some(1), Some(3), None]), 1);
        assert_eq!(pts(vec![Some(1), Some(0), Some(3)]), 0);
        assert_eq!(pts(vec![None, None, None]), 0);
        assert_eq!(pts(vec![Some(1), Some(3)]), 0); // wrong length never scores
        let strict = task_points(
            STRICT,
            s,
            &key,
            Some(&Choice::Pairs(vec![Some(1), Some(3), None])),
        );
        assert_eq!(strict, 0);
    }

    #[test]
    fn wrong_form_scores_nothing() {
        let s = shape(TaskKind::Single, 4, 0, 1);
        assert_eq!(
            task_points(UNT, s, &Key::One(0), Some(&Choice::many(vec![0]))),
            0
        );
    }

    #[test]
    fn every_preset_reaches_its_stated_maximum() {
        for name in preset::NAMES {
            let format = preset::by_name(name).unwrap_or_else(|| panic!("{name}"));
            let paper = Paper::placeholder(format);
            let perfect: Vec<Option<Choice>> = paper
                .key
                .iter()
                .map(|k| {
                    Some(match k {
                        Key::One(i) => Choice::One(*i),
                        Key::Many(v) => Choice::Many(v.clone()),
                        Key::Pairs(v) => Choice::Pairs(v.iter().copied().map(Some).collect()),
                    })
                })
                .collect();
            let score = score(&paper, &perfect);
            assert_eq!(score.total, paper.format.max_score, "{name}");
            assert_eq!(score.max, paper.format.max_score, "{name}");
            let none = super::score(&paper, &vec![None; paper.tasks.len()]);
            assert_eq!(none.total, 0, "{name}");
        }
    }

    #[test]
    fn preset_maximums_match_domain() {
        let max = |n| preset::by_name(n).map(|f| f.max_score);
        assert_eq!(max("unt-2024"), Some(140));
        assert_eq!(max("unt-2021"), Some(140));
        assert_eq!(max("nqt-2021"), Some(110));
        assert_eq!(max("teacher-2024"), Some(50));
        assert_eq!(max("unt-creative"), Some(30));
        assert_eq!(max("unt-transfer"), Some(100));
    }
}
