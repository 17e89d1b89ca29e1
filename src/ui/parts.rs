//! Small view pieces the screens share: titles, centred pages, labelled actions, subject,
//! pass-mark and task names, answers and grounds as text, and text-length checks.

use iced::widget::{Column, button, container, text};
use iced::{Alignment, Element, Length};

use crate::exam::Paper;
use crate::exam::event::AppealGround;
use crate::exam::task::{Choice, Localized};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::ui::keys::letter;
use crate::ui::theme::{self, Button, bold, metrics};

/// A choice as the cards show it: `B`, `A, C`, `1–B, 2–A, 3–·`; none as a dash.
pub fn answer_text(choice: Option<&Choice>) -> String {
    match choice {
        None => "—".to_owned(),
        Some(Choice::One(i)) => letter(usize::from(*i)).to_string(),
        Some(Choice::Many(set)) => set
            .iter()
            .map(|i| letter(usize::from(*i)).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(Choice::Pairs(pairs)) => pairs
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let right = p.map_or('·', |i| letter(usize::from(i)));
                format!("{}–{right}", n + 1)
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The name of an appeal ground in the interface language.
pub fn ground_name(lang: Lang, ground: AppealGround) -> String {
    tr(
        lang,
        match ground {
            AppealGround::NoCorrectOption => "ground-no-correct",
            AppealGround::SeveralCorrect => "ground-several-correct",
            AppealGround::ErrorInTask => "ground-error",
            AppealGround::MissingFragment => "ground-missing",
        },
    )
}

/// A task's heading: its subject and its number within the block.
pub fn task_heading(lang: Lang, paper: &Paper, ix: usize) -> String {
    let (block, number) = paper.position(ix);
    let subject = paper
        .format
        .blocks
        .get(block)
        .map_or_else(String::new, |b| block_subject(lang, paper, &b.id));
    format!("{subject} · {}", task_label(lang, number))
}

/// A screen title.
pub fn title<'a, M: 'a>(s: String) -> Element<'a, M> {
    text(s).size(metrics::TITLE).font(bold()).into()
}

/// A page of centred blocks in the middle of the screen (notices, breaks, decisions).
pub fn centered<'a, M: 'a>(page: Column<'a, M>) -> Element<'a, M> {
    container(
        page.spacing(metrics::GAP)
            .align_x(Alignment::Center)
            .max_width(metrics::READING_WIDTH),
    )
    .center(Length::Fill)
    .padding(metrics::EDGE)
    .into()
}

/// A large labelled button (Start, Finish, Continue, ...) in a frame with `id`; pressable only
/// with a message.
pub fn action<'a, M: Clone + 'a>(
    label: String,
    look: Button,
    on_press: Option<M>,
    id: &'static str,
) -> Element<'a, M> {
    container(
        button(text(label).size(metrics::TEXT).font(bold()))
            .padding(metrics::PAD)
            .style(theme::button(look))
            .on_press_maybe(on_press),
    )
    .id(id)
    .into()
}

/// A button label with the key that does the same: `Finish test  [F10]`.
pub fn keyed(mut label: String, press: crate::ui::keys::Press) -> String {
    label.push_str("  [");
    label.push_str(crate::ui::keys::cap(press));
    label.push(']');
    label
}

/// Whether a justification or technical-appeal text is short enough for the exam core.
pub fn text_fits(text: &str) -> bool {
    text.chars().count() <= crate::exam::state::MAX_TEXT
}

/// The length of a text being written against its limit; a warning once it is over.
pub fn text_length<'a, M: 'a>(lang: Lang, text: &str) -> Element<'a, M> {
    let args = [
        (
            "count",
            Arg::Num(i64::try_from(text.chars().count()).unwrap_or(i64::MAX)),
        ),
        (
            "max",
            Arg::Num(i64::try_from(crate::exam::state::MAX_TEXT).unwrap_or(0)),
        ),
    ];
    if text_fits(text) {
        iced::widget::text(tr_args(lang, "text-length", &args))
            .size(metrics::SMALL)
            .into()
    } else {
        iced::widget::text(tr_args(lang, "text-too-long", &args))
            .size(metrics::SMALL)
            .style(iced::widget::text::danger)
            .into()
    }
}

/// A message id with a fallback when a package names something the catalogue does not know.
fn tr_known(lang: Lang, id: &str, fallback: &str) -> String {
    let t = tr(lang, id);
    if t == id { fallback.to_owned() } else { t }
}

/// A subject's name in the interface language.
pub fn subject(lang: Lang, code: &str) -> String {
    tr_known(lang, &format!("subject-{code}"), code)
}

/// A pass mark's name.
pub fn pass_mark(lang: Lang, id: &str) -> String {
    tr_known(lang, &format!("pass-{id}"), id)
}

/// The name of a block's subject.
pub fn block_subject(lang: Lang, paper: &Paper, block: &str) -> String {
    subject(lang, paper.subject_of(block).unwrap_or(block))
}

/// "Task N" for a task number within its block.
pub fn task_label(lang: Lang, number: usize) -> String {
    tr_args(
        lang,
        "task-number",
        &[("n", Arg::Num(i64::try_from(number).unwrap_or(0)))],
    )
}

/// The text of `localized` in `lang`, or in any language it has.
pub fn pick(localized: &Localized, lang: Lang) -> &str {
    localized
        .get(&lang)
        .or_else(|| localized.values().next())
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_as_letters() {
        assert_eq!(answer_text(None), "—");
        assert_eq!(answer_text(Some(&Choice::One(1))), "B");
        assert_eq!(answer_text(Some(&Choice::Many(vec![0, 2]))), "A, C");
        assert_eq!(
            answer_text(Some(&Choice::Pairs(vec![Some(1), None]))),
            "1–B, 2–·"
        );
    }
}
