//! Watching for a second display during a test: every few seconds a thread of its own counts the
//! monitors, and a change arrives as `Message::Displays`; a session then is held as for a focus
//! loss. On X11 the X server is asked (`RandR`, over one connection kept open); elsewhere
//! (Windows, Wayland) the station asks itself in a child process, `ustudy-station monitors`,
//! which lists them with winit (a process can run one event loop, and the window's is iced's).

use std::time::Duration;

use iced::Subscription;
use iced::futures::{Stream, StreamExt as _};

use super::Message;
use crate::ui::monitors::Watch;

/// How often the monitors are counted.
const EVERY: Duration = Duration::from_secs(3);

fn stream(_: &&'static str) -> impl Stream<Item = Message> + use<> {
    iced::stream::channel(4, async move |mut output| {
        let (counted, mut counts) = iced::futures::channel::mpsc::unbounded();
        // A thread of its own, asleep between counts, that speaks only when the count changes:
        // asking through the runtime (a timer, then a task on its blocking pool) woke two of its
        // threads each time.
        let watching = std::thread::Builder::new()
            .name("displays".into())
            .spawn(move || {
                let mut watch = Watch::default();
                let mut last = None;
                let mut now = watch.count();
                loop {
                    if let Some(n) = now.filter(|_| now != last) {
                        last = now;
                        if counted.unbounded_send(n).is_err() {
                            return;
                        }
                    }
                    now = watch.next(EVERY);
                }
            });
        if watching.is_err() {
            return;
        }
        while let Some(n) = counts.next().await {
            let _ = output.try_send(Message::Displays(n));
        }
    })
}

/// The watch, for as long as the window runs.
pub fn subscription() -> Subscription<Message> {
    Subscription::run_with("displays", stream)
}
