//! How check-in looks: the IIN and ticket form with the IIN's status, the candidate found with
//! their package, time and subjects to confirm, and the refusal of a second sitting with the
//! proctor's PIN; on an enrolled station, the center being asked for the test, or why it did not
//! open with a retry and the proctor's key code.

use iced::widget::{Space, button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::{CheckIn, IinStatus, Message, Release, id};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::roster::Entry;
use crate::station::Package;
use crate::sync::release::ReleaseError;
use crate::ui::errors::{self, Problem};
use crate::ui::keys::Press;
use crate::ui::parts;
use crate::ui::screen::Context;
use crate::ui::theme::{self, Button, Panel, Text, bold, metrics};

impl CheckIn {
    /// The check-in screen.
    pub fn view<'a>(&'a self, ctx: &Context<'a>) -> Element<'a, Message> {
        let lang = ctx.lang;
        let iin = text_input("", &self.iin)
            .id(id::IIN)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input(Message::IinChanged);
        let ticket = text_input("", &self.ticket)
            .id(id::TICKET)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input(Message::TicketChanged)
            .on_submit(Message::FindPressed);
        let find = button(
            text(tr(lang, "checkin-find"))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .on_press_maybe(self.can_find().then_some(Message::FindPressed));
        let status = self.status_text(lang).unwrap_or_default();
        let invalid = matches!(self.iin_status(), IinStatus::Invalid(_));
        let status = text(status)
            .size(metrics::SMALL)
            .style(theme::text(Text::bad_if(invalid)));
        let mut form = column![
            text(tr(lang, "checkin-title"))
                .size(metrics::TITLE)
                .font(bold()),
            Space::new().height(metrics::GAP),
            text(tr(lang, "checkin-iin-label")).size(metrics::TEXT),
            iin,
            container(status).id(id::IIN_STATUS),
            text(tr(lang, "checkin-ticket-label")).size(metrics::TEXT),
            ticket,
            container(find).id(id::FIND),
        ]
        .spacing(metrics::GAP_SMALL)
        .width(Length::Fill)
        .max_width(metrics::FORM_WIDTH);
        if self.not_found {
            form = form.push(
                text(tr(lang, "checkin-not-found"))
                    .size(metrics::TEXT)
                    .style(text::danger),
            );
        }
        let Some(found) = &self.found else {
            return container(form)
                .center(Length::Fill)
                .padding(metrics::EDGE)
                .into();
        };
        // Side by side, each at most a form's width; on a small screen both narrow and the
        // confirmation's details scroll between its heading and its buttons.
        let offer = ctx.config.package(&found.package);
        let page = row![form, self.confirmation(lang, found, offer)]
            .spacing(metrics::GAP * 2.0)
            .height(Length::Fill);
        container(page)
            .center_x(Length::Fill)
            .padding(metrics::EDGE)
            .into()
    }

    /// Who was found, what they sit, and the two confirmations.
    fn confirmation<'a>(
        &'a self,
        lang: Lang,
        found: &'a Entry,
        offer: Option<&'a Package>,
    ) -> Element<'a, Message> {
        let heading = || {
            column![
                text(tr(lang, "checkin-found-title")).size(metrics::TEXT),
                container(text(found.name.clone()).size(metrics::TITLE).font(bold())).id(id::FOUND),
            ]
            .spacing(metrics::GAP_SMALL)
            .width(Length::Fill)
            .max_width(metrics::FORM_WIDTH)
        };
        let mut card = heading();
        // Refused: only who it is and the proctor's way on, so it fits the smallest screen.
        if self.sat {
            return container(card.push(self.retake(lang)))
                .padding(metrics::GAP)
                .style(theme::panel(Panel::Plain))
                .into();
        }
        let Some(offer) = offer else {
            return card
                .push(text(tr(lang, "checkin-no-package")).style(text::danger))
                .into();
        };
        let title = || text(parts::pick(&offer.header.title, lang).to_owned()).size(metrics::TEXT);
        // The test did not open: the subjects were confirmed; the way on takes their place, so
        // it fits the smallest screen.
        if let Release::Failed(e) = &self.release {
            return container(card.push(title()).push(self.key_code(lang, e)))
                .padding(metrics::GAP)
                .style(theme::panel(Panel::Plain))
                .into();
        }
        let details = details(lang, found, offer, title());
        let pair = checkbox(self.pair_ok)
            .label(parts::keyed(tr(lang, "checkin-pair-ok"), Press::Space))
            .size(metrics::TEXT)
            .text_size(metrics::TEXT)
            .on_toggle(Message::PairChecked);
        let confirm = button(
            text(parts::keyed(tr(lang, "checkin-confirm"), Press::Enter))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .style(theme::button(Button::Success))
        .on_press_maybe(
            (self.pair_ok && !matches!(self.release, Release::Asking))
                .then_some(Message::ConfirmPressed),
        );
        card = card.push(
            scrollable(details)
                .spacing(metrics::GAP_TINY)
                .height(Length::Fill),
        );
        card = card.push(container(pair).id(id::PAIR_OK));
        card = match &self.release {
            Release::Idle => card.push(container(confirm).id(id::CONFIRM)),
            Release::Asking => card.push(
                container(
                    text(tr(lang, "checkin-asking"))
                        .size(metrics::TEXT)
                        .style(text::primary),
                )
                .id(id::ASKING),
            ),
            Release::Failed(_) => card,
        };
        container(card)
            .padding(metrics::GAP)
            .height(Length::Fill)
            .style(theme::panel(Panel::Plain))
            .into()
    }

    /// Why the package did not open, a retry, and the proctor's key code.
    fn key_code<'a>(&'a self, lang: Lang, e: &ReleaseError) -> Element<'a, Message> {
        let retry = button(
            text(parts::keyed(tr(lang, "checkin-retry"), Press::Enter))
                .size(metrics::TEXT)
                .font(bold()),
        )
        .padding(metrics::PAD)
        .style(theme::button(Button::Success))
        .on_press_maybe(self.pair_ok.then_some(Message::ConfirmPressed));
        let input = text_input("", &self.key_code)
            .id(id::KEY_CODE)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input(Message::KeyCodeChanged)
            .on_submit(Message::KeyCodePressed);
        let open = button(text(tr(lang, "checkin-open-with-code")).size(metrics::TEXT))
            .padding(metrics::PAD)
            .on_press_maybe((!self.key_code.trim().is_empty()).then_some(Message::KeyCodePressed));
        column![
            container(
                text(errors::text(lang, Problem::Release(e)))
                    .size(metrics::TEXT)
                    .style(text::danger)
            )
            .id(id::RELEASE_ERROR),
            container(retry).id(id::CONFIRM),
            text(tr(lang, "checkin-key-code")).size(metrics::SMALL),
            input,
            container(open).id(id::OPEN_WITH_CODE),
        ]
        .spacing(metrics::GAP_SMALL)
        .into()
    }

    /// The refusal of a second sitting, and the proctor's way to allow one.
    fn retake(&self, lang: Lang) -> Element<'_, Message> {
        let open = self.retake_open();
        let input = text_input("", &self.retake_pin)
            .id(id::RETAKE_PIN)
            .secure(true)
            .size(metrics::INPUT)
            .padding(metrics::PAD)
            .on_input_maybe(open.then_some(Message::RetakePinChanged))
            .on_submit(Message::RetakePressed);
        let allow = button(text(tr(lang, "checkin-allow-retake")).size(metrics::TEXT))
            .padding(metrics::PAD)
            .on_press_maybe(
                (open && !self.retake_pin.is_empty()).then_some(Message::RetakePressed),
            );
        let mut part = column![
            container(
                text(tr(lang, "checkin-already-sat"))
                    .size(metrics::TEXT)
                    .style(text::danger)
            )
            .id(id::ALREADY_SAT),
            text(tr(lang, "checkin-retake-pin")).size(metrics::TEXT),
            input,
            container(allow).id(id::ALLOW_RETAKE),
        ]
        .spacing(metrics::GAP_SMALL);
        if self.retake_wrong > 0 {
            part = part.push(
                text(tr(lang, "checkin-retake-wrong"))
                    .size(metrics::TEXT)
                    .style(text::danger),
            );
        }
        part.into()
    }
}

/// The candidate's subjects, one line each, profile subjects in bold. The header tells them
/// without the package key; a preset format tells which are profile.
fn subjects<'a>(lang: Lang, offer: &Package, found: &Entry) -> Vec<Element<'a, Message>> {
    let content = offer.header.content_language(found.language);
    let format = crate::exam::preset::by_name(&offer.header.format);
    offer
        .header
        .subjects
        .iter()
        .map(|subject| {
            let profile = format.as_ref().is_some_and(|f| {
                f.blocks.iter().any(|b| {
                    b.id == subject.block && b.role == crate::exam::spec::BlockRole::Profile
                })
            });
            let line = tr_args(
                lang,
                "checkin-subject-line",
                &[
                    ("subject", Arg::Str(&parts::subject(lang, &subject.code))),
                    ("language", Arg::Str(content.native_name())),
                ],
            );
            let line = text(line).size(metrics::TEXT);
            if profile { line.font(bold()) } else { line }.into()
        })
        .collect()
}

/// What the candidate confirms: the package, the testing time (and extra time), and every
/// subject with its test language.
fn details<'a>(
    lang: Lang,
    found: &'a Entry,
    offer: &'a Package,
    title: iced::widget::Text<'a>,
) -> iced::widget::Column<'a, Message> {
    let mut details = column![title].spacing(metrics::GAP_SMALL);
    let minutes = offer.header.minutes
        + if found.extra_time {
            offer.header.extra_minutes
        } else {
            0
        };
    details = details.push(
        text(tr_args(
            lang,
            "checkin-minutes",
            &[("minutes", Arg::Num(i64::from(minutes)))],
        ))
        .size(metrics::TEXT),
    );
    if found.extra_time {
        details = details.push(
            text(tr_args(
                lang,
                "checkin-extra-time",
                &[("minutes", Arg::Num(i64::from(offer.header.extra_minutes)))],
            ))
            .size(metrics::TEXT)
            .style(text::primary),
        );
    }
    details = details.push(
        text(tr(lang, "checkin-subjects"))
            .size(metrics::TEXT)
            .font(bold()),
    );
    for line in subjects(lang, offer, found) {
        details = details.push(line);
    }
    details
}
