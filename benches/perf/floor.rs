//! The performance harness's floor (`benches/perf.rs`): a bare iced 0.14 window built with the
//! station's iced features, its two fonts and its kiosk window settings (`ustudy::ui::window`),
//! showing one line of text. With `--clock` the line is a clock redrawn once a second, the floor
//! for the station's idle cost while a task is on screen.

use std::time::{SystemTime, UNIX_EPOCH};

use iced::widget::{center, text};
use iced::{Element, Subscription, Task, window};

#[derive(Default)]
struct Floor {
    clock: bool,
    seconds: u64,
}

#[derive(Debug, Clone, Copy)]
enum Message {
    Tick,
}

impl Floor {
    fn update(&mut self, Message::Tick: Message) {
        self.seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
    }

    fn view(&self) -> Element<'_, Message> {
        let line = if self.clock {
            format!("{:02}:{:02}", (self.seconds / 60) % 60, self.seconds % 60)
        } else {
            "Станция құлыпталған".to_owned()
        };
        center(text(line).size(32)).into()
    }

    fn subscription(&self) -> Subscription<Message> {
        if self.clock {
            iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick)
        } else {
            Subscription::none()
        }
    }
}

/// Covers the whole monitor, as the station does: `fullscreen` needs a window manager, and
/// Xvfb has none.
fn cover_screen() -> Task<Message> {
    window::oldest().then(|id| {
        let Some(id) = id else {
            return Task::none();
        };
        window::monitor_size(id).then(move |size| match size {
            Some(size) => Task::batch([
                window::move_to(id, iced::Point::ORIGIN),
                window::resize(id, size),
            ]),
            None => Task::none(),
        })
    })
}

fn main() -> iced::Result {
    let clock = std::env::args().any(|a| a == "--clock");
    ustudy::ui::window(iced::application(
        move || (Floor { clock, seconds: 0 }, cover_screen()),
        Floor::update,
        Floor::view,
    ))
    .subscription(Floor::subscription)
    .run()
}
