//! The scripted candidate (and proctor): the next click, chosen from the screen on show and the
//! exam state. It sends the same messages a person's clicks would, so a run goes through every
//! screen's real `update`. Its choices depend only on the seed and on the exam state, so after a restart it
//! carries on where the journal says the candidate was, and never changes an answer it gave.
//!
//! The seed picks the candidate (the roster entry at `seed % len`); the rest of it,
//! `rest = seed / len`, picks whether testing ends by Finish or by the clock (`rest % 2`) and
//! the path after the card (`rest / 2 % 3`: finish without appeal, appeal two tasks, or wait for
//! the auto-close). With the demo's three candidates: seed 0 the UNT-2024 candidate, 1 the
//! UNT-2021 one, 2 the teacher; 3 and 4 sit until the clock runs out; 6, 7 and 8 appeal; 12, 13
//! and 14 wait on the decision screen.
//!
//! Asked to (`pausing_at`), it is also the proctor who pauses the test on a task: the admin
//! chord, the PIN, a reason, Pause, and back to the candidate's (paused) screen.

use std::sync::Arc;

use iced::widget::text_editor;

use crate::exam::event::{AppealGround, TaskIx, Tool};
use crate::exam::spec::TaskKind;
use crate::exam::state::Phase;
use crate::exam::task::Choice;
use crate::station::{Config, Session};
use crate::ui::app;
use crate::ui::screen::{
    Message, Screen, admin, appeal, appeal_card, briefing, check_in, decision, finished, locked,
    review, testing,
};
use crate::ui::tool::calculator::{Key, Op};
use crate::ui::tool::solubility;

/// What the autopilot looks at.
pub struct View<'a> {
    /// The screen on show.
    pub screen: &'a Screen,
    /// The live session.
    pub session: Option<&'a Session>,
    /// The station configuration.
    pub config: &'a Config,
}

/// The path after the analysis card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    NoAppeal,
    Appeal,
    Wait,
}

/// The scripted candidate.
#[derive(Debug, Clone)]
pub struct Script {
    seed: u64,
    /// The task on which the proctor pauses the test, if asked to.
    pause_at: Option<TaskIx>,
    /// Ticks spent on the current reading screen.
    dwell: u32,
}

/// Ticks the autopilot spends reading the card before going on.
const READ_TICKS: u32 = 4;
/// Tasks the autopilot appeals.
const APPEALS: [TaskIx; 2] = [0, 1];
/// The justification it writes (Kazakh letters on purpose).
const JUSTIFICATION: &str = "Жауап нұсқаларының ішінде екі дұрыс жауап бар: Ә және Ө нұсқалары.";
/// The technical appeal it files once.
const TECHNICAL: &str = "Суреттің бір бөлігі көрінбейді.";
/// The task it files the technical appeal on.
const TECHNICAL_TASK: TaskIx = 4;
/// The reason the proctor gives for the pause.
const PAUSE_REASON: &str = "Монитор сөнді.";
/// The task on which it uses every tool once (after the screenshot stops at 5, 12, 25 and 31,
/// before 45, so none is open when a stop comes) and strikes an option out first.
const TOOL_TASK: TaskIx = 40;
/// What it works out on the calculator there.
const SUM: [Key; 6] = [
    Key::Digit(1),
    Key::Digit(2),
    Key::Op(Op::Mul),
    Key::Digit(3),
    Key::Point,
    Key::Digit(5),
];

impl Script {
    /// A scripted candidate for `seed`.
    pub fn new(seed: u64) -> Script {
        Script {
            seed,
            pause_at: None,
            dwell: 0,
        }
    }

    /// The same, with the proctor pausing the test when the candidate is on `task`.
    #[must_use]
    pub fn pausing_at(self, task: Option<TaskIx>) -> Script {
        Script {
            pause_at: task,
            ..self
        }
    }

    /// Whether the proctor is to pause the test now: it runs, on the pause task.
    fn pauses_now(&self, session: Option<&Session>) -> bool {
        session.is_some_and(|s| {
            let state = s.recorded();
            state.phase == Phase::Testing && Some(state.current) == self.pause_at
        })
    }

    /// What is left of the seed once it picked a candidate of a roster of `len`.
    fn rest(&self, len: usize) -> u64 {
        self.seed / u64::try_from(len.max(1)).unwrap_or(1)
    }

    /// Whether testing ends by the clock rather than by Finish.
    fn by_clock(&self, len: usize) -> bool {
        self.rest(len) % 2 == 1
    }

    /// The path after the analysis card.
    fn after(&self, len: usize) -> After {
        match self.rest(len) / 2 % 3 {
            0 => After::NoAppeal,
            1 => After::Appeal,
            _ => After::Wait,
        }
    }

    /// A number from the seed and a task, stable across restarts.
    fn hash(&self, task: TaskIx, salt: u64) -> u64 {
        let mut x = self.seed ^ (u64::from(task) << 17) ^ (salt << 40) ^ 0x9E37_79B9_7F4A_7C15;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }

    /// The next message to send, if any.
    pub fn next(&mut self, view: &View<'_>) -> Option<app::Message> {
        if matches!(view.screen, Screen::Testing(_)) && self.pauses_now(view.session) {
            return Some(app::Message::AdminChord);
        }
        self.click(view).map(app::Message::Screen)
    }

    /// The next click on the screen on show, if any.
    fn click(&mut self, view: &View<'_>) -> Option<Message> {
        let reading = matches!(view.screen, Screen::Review(_) | Screen::AppealCard(_));
        if reading {
            self.dwell += 1;
        } else {
            self.dwell = 0;
        }
        match view.screen {
            Screen::Locked(lock) => {
                let pin =
                    (view.config.demo_pin.clone()).or_else(|| view.config.pilot_pin.clone())?;
                Some(Message::Locked(if lock.has_pin() {
                    locked::Message::UnlockPressed
                } else {
                    locked::Message::PinChanged(pin)
                }))
            }
            // The pause it was asked for: a reason, then Pause.
            Screen::Admin(screen) if self.pauses_now(view.session) => {
                Some(Message::Admin(if screen.reason().is_empty() {
                    admin::Message::ReasonChanged(PAUSE_REASON.to_owned())
                } else {
                    admin::Message::Act(admin::Act::Pause)
                }))
            }
            // A hold (the window lost focus, or its own pause is done): the autopilot is the
            // proctor, and rules it a technical fault.
            Screen::Admin(_) => Some(Message::Admin(admin::Message::Back(
                crate::exam::event::Verdict::Technical,
            ))),
            Screen::CheckIn(check) => self.check_in(check, view.config),
            Screen::Briefing(_) => Some(Message::Briefing(briefing::Message::StartPressed)),
            Screen::Testing(screen) => self.testing(
                screen,
                view.session?,
                self.by_clock(view.config.roster.len()),
            ),
            Screen::Finished(_) => Some(Message::Finished(finished::Message::ToCard)),
            Screen::Review(_) if self.dwell > READ_TICKS => {
                Some(Message::Review(review::Message::ToDecision))
            }
            Screen::Decision(_) => match self.after(view.config.roster.len()) {
                After::NoAppeal => Some(Message::Decision(decision::Message::NoAppeal)),
                After::Appeal => Some(Message::Decision(decision::Message::GoAppeal)),
                After::Wait => None,
            },
            Screen::Appeal(screen) => Some(Message::Appeal(appeal_step(screen, view.session?))),
            Screen::AppealCard(_) if self.dwell > READ_TICKS => {
                Some(Message::AppealCard(appeal_card::Message::CardDone))
            }
            _ => None,
        }
    }

    fn check_in(&self, check: &check_in::CheckIn, config: &Config) -> Option<Message> {
        let len = u64::try_from(config.roster.len()).ok().filter(|n| *n > 0)?;
        let entry = config.roster.get(usize::try_from(self.seed % len).ok()?)?;
        let m = if check.iin() != entry.iin {
            check_in::Message::IinChanged(entry.iin.clone())
        } else if check.ticket() != entry.ticket {
            check_in::Message::TicketChanged(entry.ticket.clone())
        } else if check.found().is_none() {
            check_in::Message::FindPressed
        } else if !check.pair_ok() {
            check_in::Message::PairChecked(true)
        } else {
            check_in::Message::ConfirmPressed
        };
        Some(Message::CheckIn(m))
    }

    fn testing(
        &self,
        screen: &testing::Testing,
        session: &Session,
        by_clock: bool,
    ) -> Option<Message> {
        use testing::Message as T;
        let paper = &*session.paper;
        let state = session.recorded();
        if screen.confirming() {
            return Some(Message::Testing(T::FinishConfirm));
        }
        if let Some(text) = screen.technical_text() {
            return Some(Message::Testing(if text.trim().is_empty() {
                T::TechnicalEdit(paste(TECHNICAL))
            } else {
                T::TechnicalSend
            }));
        }
        let current = state.current;
        let ix = usize::from(current);
        let last = paper.tasks.len().saturating_sub(1);
        if by_clock && state.answered_count() * 3 >= paper.tasks.len() * 2 {
            return None; // Two thirds answered: sit and let the clock run out.
        }
        if current == TOOL_TASK
            && let Some(m) = tools(screen, state)
        {
            return Some(Message::Testing(m));
        }
        let skip = self.hash(current, 1).is_multiple_of(10);
        if !skip && let Some(m) = self.answer(paper, state.answers[ix].as_ref(), current) {
            return Some(Message::Testing(m));
        }
        if current == TECHNICAL_TASK && state.technical.is_empty() {
            return Some(Message::Testing(T::TechnicalOpen));
        }
        if self.hash(current, 2).is_multiple_of(13) && !state.marked[ix] {
            return Some(Message::Testing(T::Mark));
        }
        Some(Message::Testing(if ix < last {
            T::Next
        } else {
            T::FinishAsk
        }))
    }

    /// The next click that answers the task further, if it is not fully answered yet.
    fn answer(
        &self,
        paper: &crate::exam::Paper,
        answer: Option<&Choice>,
        task: TaskIx,
    ) -> Option<testing::Message> {
        let shape = paper.shape(usize::from(task))?;
        let pick = |salt: u64| {
            u8::try_from(self.hash(task, salt) % u64::from(shape.options.max(1))).unwrap_or(0)
        };
        match (shape.kind, answer) {
            (TaskKind::Single | TaskKind::Context | TaskKind::Multiple, None) => {
                Some(testing::Message::Option(pick(3)))
            }
            (TaskKind::Multiple, Some(Choice::Many(set)))
                if set.len() < 2 && self.hash(task, 4).is_multiple_of(2) =>
            {
                let second = pick(5);
                (!set.contains(&second)).then_some(testing::Message::Option(second))
            }
            (TaskKind::Matching, _) => {
                let pairs = match answer {
                    Some(Choice::Pairs(p)) => p.clone(),
                    _ => vec![None; usize::from(shape.items)],
                };
                let item = pairs.iter().position(Option::is_none)?;
                let item = u8::try_from(item).ok()?;
                Some(testing::Message::Pair(item, pick(10 + u64::from(item))))
            }
            _ => None,
        }
    }
}

/// On the tool task: strike the last option out, then open each tool in turn, use it, and
/// close it; `None` once all is done (the screen's tools remember their use while it is open).
fn tools(screen: &testing::Testing, state: &crate::exam::State) -> Option<testing::Message> {
    use testing::Message as T;
    let used = screen.tools_used();
    match state.tool {
        None if state.struck.is_empty() && state.answers[usize::from(TOOL_TASK)].is_none() => {
            Some(T::Strike(0))
        }
        None if !used.calculator => Some(T::Tool(Tool::Calculator)),
        None if !used.periodic => Some(T::Tool(Tool::Periodic)),
        None if !used.solubility => Some(T::Tool(Tool::Solubility)),
        None => None,
        Some(Tool::Calculator) => Some(match used.calculator_keys {
            n if n < SUM.len() => T::Calc(SUM[n]),
            n if n == SUM.len() => T::Calc(Key::Equals),
            _ => T::ToolClose,
        }),
        Some(Tool::Periodic) if !used.periodic => {
            T::Periodic(crate::ui::tool::periodic::Message::Query("Fe".into())).into()
        }
        Some(Tool::Solubility) if !used.solubility => {
            Some(T::Solubility(solubility::Message::Pick(2, 17)))
        }
        Some(_) => Some(T::ToolClose),
    }
}

fn paste(s: &str) -> text_editor::Action {
    text_editor::Action::Edit(text_editor::Edit::Paste(Arc::new(s.to_owned())))
}

fn appeal_step(screen: &appeal::Appeal, session: &Session) -> appeal::Message {
    use appeal::Message as A;
    let state = session.recorded();
    if let Some(target) = APPEALS.iter().find(|t| !state.appeals.contains_key(t)) {
        if screen.task() != *target {
            return A::Open(*target);
        }
        if screen.ground() != AppealGround::SeveralCorrect {
            return A::Ground(AppealGround::SeveralCorrect);
        }
        if screen.text().trim().is_empty() {
            return A::Edit(paste(JUSTIFICATION));
        }
        return A::Save;
    }
    if screen.confirming() {
        A::FinishConfirm
    } else {
        A::FinishAsk
    }
}
