//! A time left that counts down on screen by itself. The app hands it the time left at one
//! instant; between the app's ticks the widget redraws its own digits when the shown second
//! changes (a redraw request for that moment), so a quiet testing screen costs the redraw of
//! one line each second instead of a new widget tree.

use std::time::{Duration, Instant};

use iced::advanced::layout::{self, Layout};
use iced::advanced::text::{self as core_text, paragraph};
use iced::advanced::widget::{self, Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, mouse, renderer};
use iced::{Element, Event, Font, Length, Pixels, Rectangle, Size, Theme, window};

use super::clock::clock;
use crate::exam::clock::display_seconds;
use crate::ui::theme::{self, Text};

/// The time left `left_ms` at `at`, counting down at `scale` times real time while `running`.
pub struct Countdown {
    left_ms: u64,
    at: Instant,
    scale: u32,
    running: bool,
    size: f32,
    font: Font,
    look: Text,
}

impl Countdown {
    /// A countdown from `left_ms` at `at`; it stands still unless `running`.
    pub fn new(left_ms: u64, at: Instant, scale: u32, running: bool) -> Countdown {
        Countdown {
            left_ms,
            at,
            scale: scale.max(1),
            running,
            size: 16.0,
            font: Font::default(),
            look: Text::Plain,
        }
    }

    /// The text size.
    #[must_use]
    pub fn size(mut self, size: f32) -> Countdown {
        self.size = size;
        self
    }

    /// The font.
    #[must_use]
    pub fn font(mut self, font: Font) -> Countdown {
        self.font = font;
        self
    }

    /// The colour, by the theme's text looks.
    #[must_use]
    pub fn look(mut self, look: Text) -> Countdown {
        self.look = look;
        self
    }

    /// The time left at `now`.
    fn left_at(&self, now: Instant) -> u64 {
        if !self.running {
            return self.left_ms;
        }
        let passed = now.saturating_duration_since(self.at).as_millis();
        let scaled = passed.saturating_mul(u128::from(self.scale));
        self.left_ms
            .saturating_sub(u64::try_from(scaled).unwrap_or(u64::MAX))
    }

    /// When the shown second next changes after `now`, if it ever does.
    fn next_change(&self, now: Instant) -> Option<Instant> {
        let left = self.left_at(now);
        if !self.running || left == 0 {
            return None;
        }
        // Shown rounded up: the text changes when the time left falls to the whole second below.
        let shown = display_seconds(left);
        let until = left - shown.saturating_sub(1) * 1000;
        let real = until.div_ceil(u64::from(self.scale));
        Some(now + Duration::from_millis(real.max(1)))
    }

    fn text<'a>(&self, content: &'a str, bounds: Size) -> core_text::Text<&'a str, Font> {
        core_text::Text {
            content,
            bounds,
            size: Pixels(self.size),
            line_height: core_text::LineHeight::default(),
            font: self.font,
            align_x: core_text::Alignment::Default,
            align_y: iced::alignment::Vertical::Top,
            shaping: core_text::Shaping::Basic,
            wrapping: core_text::Wrapping::None,
        }
    }
}

/// The widget's memory: the paragraph on screen, its text, and the room it was laid out in.
#[derive(Default)]
struct State {
    paragraph: paragraph::Plain<<iced::Renderer as core_text::Renderer>::Paragraph>,
    shown: String,
    bounds: Size,
}

impl<Message> Widget<Message, Theme, iced::Renderer> for Countdown {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn size(&self) -> Size<Length> {
        Size::new(Length::Shrink, Length::Shrink)
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        _renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let state = tree.state.downcast_mut::<State>();
        state.shown = clock(self.left_at(Instant::now()));
        state.bounds = limits.max();
        let text = self.text(&state.shown, state.bounds);
        let _ = state.paragraph.update(text);
        layout::Node::new(limits.resolve(
            Length::Shrink,
            Length::Shrink,
            state.paragraph.min_bounds(),
        ))
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        _layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _renderer: &iced::Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        let Event::Window(window::Event::RedrawRequested(now)) = event else {
            return;
        };
        let state = tree.state.downcast_mut::<State>();
        let shown = clock(self.left_at(*now));
        if shown != state.shown {
            let before = state.paragraph.min_bounds();
            state.shown = shown;
            let text = self.text(&state.shown, state.bounds);
            let _ = state.paragraph.update(text);
            if state.paragraph.min_bounds() != before {
                shell.invalidate_layout();
            }
        }
        if let Some(next) = self.next_change(*now) {
            shell.request_redraw_at(next);
        }
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State>();
        iced::advanced::widget::text::draw(
            renderer,
            style,
            layout.bounds(),
            state.paragraph.raw(),
            theme::text(self.look)(theme),
            viewport,
        );
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        _renderer: &iced::Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        let state = tree.state.downcast_ref::<State>();
        operation.text(None, layout.bounds(), &state.shown);
    }
}

impl<'a, Message: 'a> From<Countdown> for Element<'a, Message> {
    fn from(countdown: Countdown) -> Self {
        Element::new(countdown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_counts_down_from_its_instant_and_changes_when_the_second_does() {
        let at = Instant::now();
        let c = Countdown::new(10_500, at, 1, true);
        assert_eq!(clock(c.left_at(at)), "0:00:11");
        assert_eq!(clock(c.left_at(at + Duration::from_millis(499))), "0:00:11");
        assert_eq!(clock(c.left_at(at + Duration::from_millis(500))), "0:00:10");
        // The next change: when 10.5 s falls to 10 s, 500 ms on.
        assert_eq!(c.next_change(at), Some(at + Duration::from_millis(500)));
        let later = at + Duration::from_millis(500);
        assert_eq!(c.next_change(later), Some(later + Duration::from_secs(1)));
        // At the end it stops asking.
        assert_eq!(c.next_change(at + Duration::from_secs(11)), None);
        assert_eq!(c.left_at(at + Duration::from_secs(60)), 0);
    }

    #[test]
    fn a_stopped_or_scaled_countdown() {
        let at = Instant::now();
        let stopped = Countdown::new(10_000, at, 1, false);
        assert_eq!(stopped.left_at(at + Duration::from_secs(5)), 10_000);
        assert_eq!(stopped.next_change(at), None);
        let fast = Countdown::new(10_000, at, 10, true);
        assert_eq!(fast.left_at(at + Duration::from_millis(500)), 5_000);
        // Ten times faster: the next second is 100 ms away.
        assert_eq!(fast.next_change(at), Some(at + Duration::from_millis(100)));
    }
}
