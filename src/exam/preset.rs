//! The session formats the station ships (domain.md): `unt-2024`, `unt-2021`, `unt-creative`,
//! `unt-transfer`, `unt-shortened`, `teacher-2024` and `nqt-2021`. Values marked assumed in
//! domain.md live here as data, never as constants elsewhere in the code.

use super::spec::{
    BlockRole, BlockSpec, BreakSpec, CalculatorKeys, LayoutEntry, LongDuration, MatchingRule,
    MultipleRule, PassMark, PostTimings, ResultPolicy, ScoringRules, SessionFormat, TaskKind,
    Threshold,
};

/// Every preset name, in the order the operator's help lists them.
pub const NAMES: [&str; 7] = [
    "unt-2024",
    "unt-2021",
    "unt-creative",
    "unt-transfer",
    "unt-shortened",
    "teacher-2024",
    "nqt-2021",
];

/// The preset with this name, if the station ships it.
pub fn by_name(name: &str) -> Option<SessionFormat> {
    Some(match name {
        "unt-2024" => unt_2024(),
        "unt-2021" => unt_2021(),
        "unt-creative" => unt_creative(),
        "unt-transfer" => unt_transfer(),
        "unt-shortened" => unt_shortened(),
        "teacher-2024" => teacher_2024(),
        "nqt-2021" => nqt_2021(),
        _ => return None,
    })
}

fn single(count: u32, options: u32) -> LayoutEntry {
    LayoutEntry {
        kind: TaskKind::Single,
        count,
        points: 1,
        options,
        items: 0,
        per_group: 0,
    }
}

fn context(count: u32, per_group: u32, options: u32) -> LayoutEntry {
    LayoutEntry {
        kind: TaskKind::Context,
        count,
        points: 1,
        options,
        items: 0,
        per_group,
    }
}

fn multiple(count: u32, options: u32, most_correct: u32) -> LayoutEntry {
    LayoutEntry {
        kind: TaskKind::Multiple,
        count,
        points: 2,
        options,
        items: most_correct,
        per_group: 0,
    }
}

fn matching(count: u32, items: u32, options: u32) -> LayoutEntry {
    LayoutEntry {
        kind: TaskKind::Matching,
        count,
        points: 2,
        options,
        items,
        per_group: 0,
    }
}

fn block(id: &str, role: BlockRole, minimum: u32, layout: Vec<LayoutEntry>) -> BlockSpec {
    BlockSpec {
        id: id.to_owned(),
        role,
        layout,
        minimum,
    }
}

fn mandatory(id: &str, minimum: u32, entry: LayoutEntry) -> BlockSpec {
    block(id, BlockRole::Mandatory, minimum, vec![entry])
}

fn unt_breaks(minutes: u32) -> Vec<BreakSpec> {
    // 2 minutes after 60, 3 after 120 and 180; the test clock runs on (NCT, January 2026).
    [(60, 2), (120, 3), (180, 3)]
        .into_iter()
        .filter(|(at, len)| at + len < minutes)
        .map(|(at_minute, minutes)| BreakSpec {
            at_minute,
            minutes,
            clock_runs: true,
        })
        .collect()
}

fn post() -> PostTimings {
    PostTimings {
        review_minutes: 10,
        decision_minutes: 10,
        appeal_deadline_minutes: 30,
        card_minutes: 10,
    }
}

fn unt_scoring() -> ScoringRules {
    ScoringRules {
        multiple: MultipleRule::SymmetricDifference,
        matching: MatchingRule::OneOffPerWrongPair,
    }
}

fn unt_pass_marks() -> ResultPolicy {
    let marks = [
        ("general", 50),
        ("national", 65),
        ("pedagogy", 75),
        ("healthcare", 70),
    ];
    let mut pass_marks: Vec<PassMark> = marks
        .into_iter()
        .map(|(id, points)| PassMark {
            id: id.to_owned(),
            threshold: Threshold::Points(points),
        })
        .collect();
    pass_marks.push(PassMark {
        id: "agriculture".to_owned(),
        threshold: Threshold::Points(60),
    });
    ResultPolicy { pass_marks }
}

fn unt(id: &str, blocks: Vec<BlockSpec>, minutes: u32, result: ResultPolicy) -> SessionFormat {
    let mut format = SessionFormat {
        id: id.to_owned(),
        blocks,
        base_minutes: minutes,
        long: None,
        extra_minutes: 40,
        breaks: unt_breaks(minutes),
        step_out_limit_minutes: 10,
        post: post(),
        scoring: unt_scoring(),
        result,
        max_score: 0,
        // A school scientific calculator: the UNT's tasks may need roots, powers and percents.
        calculator: CalculatorKeys::ALL,
    };
    format.max_score = format.layout_points();
    format
}

/// Profile subject of `unt-2024`: 25 single, 5 context, 5 matching, 5 multiple = 40 tasks, 50 points.
fn profile_2024(id: &str) -> BlockSpec {
    let layout = vec![
        single(25, 4),
        context(5, 5, 4),
        matching(5, 3, 4),
        multiple(5, 6, 3),
    ];
    block(id, BlockRole::Profile, 5, layout)
}

fn unt_2024() -> SessionFormat {
    let blocks = vec![
        mandatory("history", 5, single(20, 4)),
        mandatory("math-literacy", 3, single(10, 4)),
        mandatory("reading-literacy", 3, context(10, 5, 4)),
        profile_2024("profile-1"),
        profile_2024("profile-2"),
    ];
    unt("unt-2024", blocks, 240, unt_pass_marks())
}

fn unt_2021() -> SessionFormat {
    // The seed's format: 5 options for single choice, 8 for multiple answer.
    let profile = |id| {
        let layout = vec![single(20, 5), context(5, 5, 5), multiple(10, 8, 3)];
        block(id, BlockRole::Profile, 5, layout)
    };
    let blocks = vec![
        mandatory("history", 5, single(15, 5)),
        mandatory("math-literacy", 5, single(15, 5)),
        mandatory("reading-literacy", 5, context(20, 5, 5)),
        profile("profile-1"),
        profile("profile-2"),
    ];
    unt("unt-2021", blocks, 240, unt_pass_marks())
}

fn unt_creative() -> SessionFormat {
    let blocks = vec![
        mandatory("history", 5, single(20, 4)),
        mandatory("reading-literacy", 3, context(10, 5, 4)),
    ];
    unt(
        "unt-creative",
        blocks,
        70,
        ResultPolicy {
            pass_marks: Vec::new(),
        },
    )
}

fn unt_transfer() -> SessionFormat {
    let blocks = vec![profile_2024("profile-1"), profile_2024("profile-2")];
    unt(
        "unt-transfer",
        blocks,
        130,
        ResultPolicy {
            pass_marks: Vec::new(),
        },
    )
}

fn unt_shortened() -> SessionFormat {
    // A template: shortened programs differ, so their packages normally carry an inline format.
    let blocks = vec![
        mandatory("history", 5, single(20, 4)),
        mandatory("math-literacy", 3, single(10, 4)),
        mandatory("reading-literacy", 3, context(10, 5, 4)),
    ];
    unt(
        "unt-shortened",
        blocks,
        80,
        ResultPolicy {
            pass_marks: Vec::new(),
        },
    )
}

fn long_stem(minutes: u32) -> LongDuration {
    let subjects = ["mathematics", "physics", "chemistry", "informatics"];
    LongDuration {
        subjects: subjects.map(str::to_owned).to_vec(),
        minutes,
    }
}

fn teacher(
    id: &str,
    blocks: Vec<BlockSpec>,
    minutes: u32,
    long: u32,
    result: ResultPolicy,
) -> SessionFormat {
    let mut format = SessionFormat {
        id: id.to_owned(),
        blocks,
        base_minutes: minutes,
        long: Some(long_stem(long)),
        extra_minutes: 0,
        breaks: Vec::new(),
        step_out_limit_minutes: 10,
        post: post(),
        scoring: unt_scoring(),
        result,
        max_score: 0,
        calculator: CalculatorKeys::ALL,
    };
    format.max_score = format.layout_points();
    format
}

fn teacher_2024() -> SessionFormat {
    let blocks = vec![
        block(
            "subject",
            BlockRole::Profile,
            0,
            vec![single(20, 4), context(10, 5, 4)],
        ),
        mandatory("methodology", 0, single(20, 4)),
    ];
    let categories = [
        ("teacher", 50),
        ("moderator", 60),
        ("expert", 70),
        ("researcher", 80),
        ("master", 90),
    ];
    let pass_marks = categories
        .into_iter()
        .map(|(id, pct)| PassMark {
            id: id.to_owned(),
            threshold: Threshold::Percent(pct),
        })
        .collect();
    teacher("teacher-2024", blocks, 90, 125, ResultPolicy { pass_marks })
}

fn nqt_2021() -> SessionFormat {
    let blocks = vec![
        block(
            "subject",
            BlockRole::Profile,
            0,
            vec![single(50, 5), multiple(10, 8, 3), context(10, 5, 5)],
        ),
        mandatory("pedagogy", 0, single(30, 5)),
    ];
    let pass = PassMark {
        id: "pass".to_owned(),
        threshold: Threshold::Percent(50),
    };
    teacher(
        "nqt-2021",
        blocks,
        210,
        240,
        ResultPolicy {
            pass_marks: vec![pass],
        },
    )
}
